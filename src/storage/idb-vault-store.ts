import { openDB, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from 'idb';
import { sameBytes } from '../shared';
import type { AccountRecord, VaultHeader, VaultStore } from '../vault';
import { runMigrations, DB_VERSION } from './migrations';
import { DEFAULT_DB_NAME, HEADER_KEY, type KeyfobDbSchema } from './schema';

/** A VaultStore on an IndexedDB connection it owns. */
export interface IdbVaultStore extends VaultStore {
  /** Closes the connection; later calls fail. */
  close(): void;
}

/** Options of {@link openVaultDb} and {@link openVaultStore}. */
export interface OpenVaultDbOptions {
  /** Database name; tests give each case its own. */
  dbName?: string;
}

/*
 * Every write asks for strict durability (docs/architecture.md §3 rule 10): Chrome defaults to
 * 'relaxed', which may report success before the data reaches the disk. For the header that
 * could lose a passphrase change; for an account it could lose a secret the site has already
 * accepted, which the person cannot get back. Writes are rare, so the flush costs nothing
 * anyone notices.
 */
const STRICT: IDBTransactionOptions = { durability: 'strict' };

/** Opens (creating or upgrading as needed) the Keyfob database. */
export async function openVaultDb(
  options: OpenVaultDbOptions = {},
): Promise<IDBPDatabase<KeyfobDbSchema>> {
  const db: IDBPDatabase<KeyfobDbSchema> = await openDB<KeyfobDbSchema>(
    options.dbName ?? DEFAULT_DB_NAME,
    DB_VERSION,
    {
      upgrade(database, oldVersion) {
        runMigrations(database as unknown as IDBPDatabase<unknown>, oldVersion);
      },
      // A newer release wants to upgrade (extension update while this worker lives): step
      // aside instead of blocking it forever. Our later calls then fail as storage errors.
      blocking() {
        db.close();
      },
    },
  );
  return db;
}

/**
 * The VaultStore on an open database. Each method is one transaction; conditional writes
 * read and decide inside it, and nothing but IndexedDB requests is awaited there, so the
 * transaction cannot commit halfway.
 */
export function createIdbVaultStore(db: IDBPDatabase<KeyfobDbSchema>): IdbVaultStore {
  async function write<Name extends StoreNames<KeyfobDbSchema>, T>(
    name: Name,
    work: (store: IDBPObjectStore<KeyfobDbSchema, [Name], Name, 'readwrite'>) => Promise<T>,
  ): Promise<T> {
    const tx = db.transaction(name, 'readwrite', STRICT);
    // `done` rejects when the transaction aborts; mark it handled now, await it below.
    tx.done.catch(() => undefined);
    try {
      const result = await work(tx.store);
      await tx.done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by the failed request.
      }
      throw error;
    }
  }

  return {
    async readHeader() {
      return db.get('meta', HEADER_KEY);
    },

    createHeader(header: VaultHeader) {
      return write('meta', async (store) => {
        if ((await store.getKey(HEADER_KEY)) !== undefined) return false;
        await store.add(header, HEADER_KEY);
        return true;
      });
    },

    replaceHeader(header: VaultHeader, expectedRevision: number) {
      return write('meta', async (store) => {
        const current: unknown = await store.get(HEADER_KEY);
        if ((current as { revision?: unknown } | undefined)?.revision !== expectedRevision) {
          return false;
        }
        await store.put(header, HEADER_KEY);
        return true;
      });
    },

    async listRecords() {
      return db.getAll('accounts');
    },

    async getRecord(id) {
      return db.get('accounts', id);
    },

    async maxOrder() {
      // Only finite-ish numbers: in IndexedDB key order, strings, dates and arrays (from a
      // damaged record) sort after every number.
      const range = IDBKeyRange.upperBound(Number.MAX_SAFE_INTEGER);
      const index = db.transaction('accounts').store.index('by-order');
      const cursor = await index.openKeyCursor(range, 'prev');
      return cursor?.key;
    },

    addRecords(records: readonly AccountRecord[]) {
      return write('accounts', async (store) => {
        if (new Set(records.map((record) => record.id)).size < records.length) return false;
        // Every check before the first write: returning false must leave nothing to commit.
        const taken = await Promise.all(records.map((record) => store.getKey(record.id)));
        if (taken.some((key) => key !== undefined)) return false;
        // One at a time: an add that throws (say, a value that cannot be cloned) must not
        // leave earlier requests' rejections unhandled when the transaction aborts.
        for (const record of records) await store.add(record);
        return true;
      });
    },

    replaceRecord(record: AccountRecord, expectedIv: Uint8Array) {
      return write('accounts', async (store) => {
        const current: unknown = await store.get(record.id);
        const iv = (current as { sealed?: { iv?: unknown } } | undefined)?.sealed?.iv;
        if (!sameBytes(iv, expectedIv)) return false;
        await store.put(record);
        return true;
      });
    },

    deleteRecord(id) {
      return write('accounts', async (store) => {
        if ((await store.getKey(id)) === undefined) return false;
        await store.delete(id);
        return true;
      });
    },

    close() {
      db.close();
    },
  };
}

/** Opens the database and returns the VaultStore on it (close it when done). */
export async function openVaultStore(options: OpenVaultDbOptions = {}): Promise<IdbVaultStore> {
  return createIdbVaultStore(await openVaultDb(options));
}
