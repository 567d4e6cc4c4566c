import { deleteDB, type IDBPDatabase } from 'idb';
import type { AccountId } from '../shared';
import type { AccountRecord, ManifestWrite, StoredManifest, VaultHeader } from '../vault';
import {
  createIdbVaultStore,
  openVaultDb,
  openVaultStore,
  type IdbVaultStore,
} from './idb-vault-store';
import type { KeyfobDbSchema } from './schema';
import { failNthAdd } from '../../test/support/idb-faults';

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);

const header = (revision = 0): VaultHeader => ({
  format: 1,
  vaultId: 'a'.repeat(32),
  createdAt: 1,
  revision,
  keySlot: {
    kdf: { algorithm: 'PBKDF2-HMAC-SHA256', iterations: 600_000, salt: bytes(16, revision) },
    wrappedKey: { iv: bytes(12, 1), ciphertext: bytes(48, 2) },
  },
  keyCheck: { iv: bytes(12, 3), ciphertext: bytes(32, 4) },
});

const rec = (id: string, order: number, ivFill = 5): AccountRecord => ({
  id,
  format: 2,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  order,
  sealed: { iv: bytes(12, ivFill), ciphertext: bytes(80, 6) },
});

const manifest = (revision: number): StoredManifest => ({
  format: 1,
  revision,
  sealed: { iv: bytes(12, revision), ciphertext: bytes(40, 7) },
});

let dbName: string;
let db: IDBPDatabase<KeyfobDbSchema>;
let store: IdbVaultStore;

/** The next manifest, written against the revision on disk now. */
async function next(): Promise<ManifestWrite> {
  const revision = (await store.readManifest())?.revision;
  return { manifest: manifest((revision ?? 0) + 1), expectedRevision: revision };
}

interface TxCall {
  stores: string[];
  mode: IDBTransactionMode;
  durability: IDBTransactionDurability;
}

/** Records every transaction opened on any database. */
function watchTransactions(): TxCall[] {
  const calls: TxCall[] = [];
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const tx = original.apply(this, args);
    calls.push({ stores: [...tx.objectStoreNames], mode: tx.mode, durability: tx.durability });
    return tx;
  });
  return calls;
}

beforeEach(async () => {
  dbName = `keyfob-store-${crypto.randomUUID()}`;
  db = await openVaultDb({ dbName });
  store = createIdbVaultStore(db);
});
afterEach(async () => {
  store.close();
  await deleteDB(dbName);
});

describe('IndexedDB VaultStore', () => {
  it('creates the header once and never overwrites it', async () => {
    expect(await store.readHeader()).toBeUndefined();
    expect(await store.createHeader(header())).toBe(true);
    expect(await store.createHeader(header(7))).toBe(false);
    expect(await store.readHeader()).toEqual(header());
  });

  it('keeps bytes as Uint8Array through structured clone', async () => {
    await store.createHeader(header());
    const stored = await store.readHeader();
    expect(stored?.keySlot.kdf.salt).toBeInstanceOf(Uint8Array);
    expect(stored?.keyCheck.ciphertext).toEqual(bytes(32, 4));
  });

  it('replaces the header only at the expected revision', async () => {
    expect(await store.replaceHeader(header(1), 0)).toBe(false);
    await store.createHeader(header());
    expect(await store.replaceHeader(header(1), 5)).toBe(false);
    expect(await store.readHeader()).toEqual(header());
    expect(await store.replaceHeader(header(1), 0)).toBe(true);
    expect(await store.readHeader()).toEqual(header(1));
  });

  it('adds records without overwriting, replaces only the version read, deletes', async () => {
    expect(await store.addRecords([rec('a', 0)], await next())).toBe(true);
    expect(await store.addRecords([rec('a', 9)], await next())).toBe(false);
    expect(await store.getRecord('a' as AccountId)).toEqual(rec('a', 0));

    expect(await store.replaceRecord(rec('a', 1, 7), bytes(12, 9), await next())).toBe(false);
    expect(await store.replaceRecord(rec('b', 1, 7), bytes(12, 5), await next())).toBe(false);
    expect(await store.getRecord('b' as AccountId)).toBeUndefined();
    expect(await store.replaceRecord(rec('a', 1, 7), bytes(12, 5), await next())).toBe(true);
    expect(await store.getRecord('a' as AccountId)).toEqual(rec('a', 1, 7));

    expect(await store.deleteRecord('a' as AccountId, await next())).toBe(true);
    expect(await store.deleteRecord('a' as AccountId, await next())).toBe(false);
    expect(await store.listRecords()).toEqual([]);
  });

  it('adds a batch in one strict transaction, all or none', async () => {
    const calls = watchTransactions();
    const batch = [rec('a', 0), rec('b', 1), rec('c', 2)];
    expect(await store.addRecords(batch, await next())).toBe(true);
    expect(calls.filter((c) => c.mode === 'readwrite')).toEqual([
      { stores: ['accounts', 'meta'], mode: 'readwrite', durability: 'strict' },
    ]);
    expect(await store.listRecords()).toEqual(batch);
    // One taken id, or one id twice, and nothing of the batch is written.
    expect(await store.addRecords([rec('d', 3), rec('b', 4)], await next())).toBe(false);
    expect(await store.addRecords([rec('e', 3), rec('e', 4)], await next())).toBe(false);
    expect(await store.listRecords()).toEqual(batch);
  });

  it('writes nothing of a batch when a write fails halfway', async () => {
    await store.addRecords([rec('a', 0)], await next());
    const calls = failNthAdd(3);
    const batch = ['b', 'c', 'd', 'e'].map((id, i) => rec(id, i + 1));
    await expect(store.addRecords(batch, await next())).rejects.toThrow('disk full');
    expect(calls()).toBe(3);
    expect(await store.listRecords()).toEqual([rec('a', 0)]);
  });

  it('lists every record, including ones without a usable order', async () => {
    await store.addRecords([rec('a', 3)], await next());
    await db.put('accounts', { id: 'broken' } as never);
    await db.put('accounts', { id: 'odd', order: 'zzz' } as never);
    const ids = (await store.listRecords()).map((r) => r.id).sort();
    expect(ids).toEqual(['a', 'broken', 'odd']);
  });

  it('finds the highest numeric order through the index', async () => {
    expect(await store.maxOrder()).toBeUndefined();
    await store.addRecords([rec('a', 3)], await next());
    await store.addRecords([rec('b', 11)], await next());
    await store.addRecords([rec('c', 2)], await next());
    await db.put('accounts', { id: 'odd', order: 'zzz' } as never);
    expect(await store.maxOrder()).toBe(11);
  });

  it('writes every change in a strict transaction', async () => {
    const calls = watchTransactions();
    await store.createHeader(header());
    await store.replaceHeader(header(1), 0);
    await store.addRecords([rec('a', 0)], await next());
    await store.replaceRecord(rec('a', 1, 8), bytes(12, 5), await next());
    await store.deleteRecord('a' as AccountId, await next());
    const writes = calls.filter((c) => c.mode === 'readwrite');
    expect(writes.map((c) => c.stores)).toEqual([
      ['meta'],
      ['meta'],
      ['accounts', 'meta'],
      ['accounts', 'meta'],
      ['accounts', 'meta'],
    ]);
    expect(writes.every((c) => c.durability === 'strict')).toBe(true);
  });

  it('writes a record and the manifest together, and neither when the manifest moved on', async () => {
    const first = await next();
    expect(await store.addRecords([rec('a', 0)], first)).toBe(true);
    expect(await store.readManifest()).toEqual(manifest(1));
    // Prepared against revision 1, but another writer got to revision 2 first.
    const stale = await next();
    expect(await store.replaceManifest(await next())).toBe(true);
    const disk = async () => [await store.listRecords(), await store.readManifest()];
    const before = await disk();
    expect(await store.addRecords([rec('b', 1)], stale)).toBe(false);
    expect(await store.replaceRecord(rec('a', 0, 9), bytes(12, 5), stale)).toBe(false);
    expect(await store.deleteRecord('a' as AccountId, stale)).toBe(false);
    expect(await store.replaceManifest(stale)).toBe(false);
    expect(await disk()).toEqual(before);
    // A first manifest only where there is none.
    expect(await store.replaceManifest({ ...first, expectedRevision: undefined })).toBe(false);
    expect(await store.replaceRecord(rec('a', 0, 9), bytes(12, 5), await next())).toBe(true);
    expect(await store.readManifest()).toEqual(manifest(3));
  });

  it('reports a closed connection as a failure, not as an empty vault', async () => {
    store.close();
    await expect(store.readHeader()).rejects.toThrow();
    store = await openVaultStore({ dbName });
  });
});
