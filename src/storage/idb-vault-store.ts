import {
  openDB,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { sameBytes } from '../shared';
import type {
  AccountRecord,
  ManifestWrite,
  StoredManifest,
  VaultHeader,
  VaultStore,
} from '../vault';
import { runMigrations, DB_VERSION } from './migrations';
import { DEFAULT_DB_NAME, HEADER_KEY, MANIFEST_KEY, type KeyfobDbSchema } from './schema';

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
  type Stores = ['meta', 'accounts'];
  type BothTx = IDBPTransaction<KeyfobDbSchema, Stores, 'readwrite'>;

  /** One strict transaction over both stores: a record write and its manifest together. */
  async function writeBoth<T>(work: (tx: BothTx) => Promise<T>): Promise<T> {
    const tx = db.transaction(['meta', 'accounts'], 'readwrite', STRICT);
    return settle(tx, work(tx));
  }

  async function write<Name extends StoreNames<KeyfobDbSchema>, T>(
    name: Name,
    work: (store: IDBPObjectStore<KeyfobDbSchema, [Name], Name, 'readwrite'>) => Promise<T>,
  ): Promise<T> {
    const tx = db.transaction(name, 'readwrite', STRICT);
    return settle(tx, work(tx.store));
  }

  /** Waits for a transaction's work and commit; aborts it when the work failed. */
  async function settle<T>(
    tx: { done: Promise<void>; abort(): void },
    working: Promise<T>,
  ): Promise<T> {
    // `done` rejects when the transaction aborts; mark it handled now, await it below.
    tx.done.catch(() => undefined);
    try {
      const result = await working;
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
      return (await db.get('meta', HEADER_KEY)) as VaultHeader | undefined;
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

    async readManifest() {
      return (await db.get('meta', MANIFEST_KEY)) as StoredManifest | undefined;
    },

    replaceManifest(manifest: ManifestWrite) {
      return writeBoth(async (tx) => {
        if (await manifestMoved(tx, manifest)) return false;
        await tx.objectStore('meta').put(manifest.manifest, MANIFEST_KEY);
        return true;
      });
    },

    addRecords(records: readonly AccountRecord[], manifest: ManifestWrite) {
      return writeBoth(async (tx) => {
        const store = tx.objectStore('accounts');
        if (new Set(records.map((record) => record.id)).size < records.length) return false;
        // Every check before the first write: returning false must leave nothing to commit.
        const taken = await Promise.all(records.map((record) => store.getKey(record.id)));
        if (taken.some((key) => key !== undefined)) return false;
        if (await manifestMoved(tx, manifest)) return false;
        // One at a time: an add that throws (say, a value that cannot be cloned) must not
        // leave earlier requests' rejections unhandled when the transaction aborts.
        for (const record of records) await store.add(record);
        await tx.objectStore('meta').put(manifest.manifest, MANIFEST_KEY);
        return true;
      });
    },

    replaceRecord(record: AccountRecord, expectedIv: Uint8Array, manifest: ManifestWrite) {
      return writeBoth(async (tx) => {
        const store = tx.objectStore('accounts');
        const current: unknown = await store.get(record.id);
        const iv = (current as { sealed?: { iv?: unknown } } | undefined)?.sealed?.iv;
        if (!sameBytes(iv, expectedIv) || (await manifestMoved(tx, manifest))) return false;
        await store.put(record);
        await tx.objectStore('meta').put(manifest.manifest, MANIFEST_KEY);
        return true;
      });
    },

    deleteRecord(id, manifest: ManifestWrite) {
      return writeBoth(async (tx) => {
        const store = tx.objectStore('accounts');
        if ((await store.getKey(id)) === undefined) return false;
        if (await manifestMoved(tx, manifest)) return false;
        await store.delete(id);
        await tx.objectStore('meta').put(manifest.manifest, MANIFEST_KEY);
        return true;
      });
    },

    close() {
      db.close();
    },
  };
}

/** Whether the stored manifest is no longer at the revision a write was prepared against. */
async function manifestMoved(
  tx: IDBPTransaction<KeyfobDbSchema, ['meta', 'accounts'], 'readwrite'>,
  write: ManifestWrite,
): Promise<boolean> {
  const stored: unknown = await tx.objectStore('meta').get(MANIFEST_KEY);
  return !Object.is(
    (stored as { revision?: unknown } | undefined)?.revision,
    write.expectedRevision,
  );
}

/** Opens the database and returns the VaultStore on it (close it when done). */
export async function openVaultStore(options: OpenVaultDbOptions = {}): Promise<IdbVaultStore> {
  return createIdbVaultStore(await openVaultDb(options));
}
