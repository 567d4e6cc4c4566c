/*
 * The vault on the real IndexedDB store (fake-indexeddb), looking at what lands "on disk":
 * raw store contents, every value ever written, and the transactions used.
 */
import { deleteDB, type IDBPDatabase } from 'idb';
import { utf8Encode } from '../shared';
import type { OtpParams } from '../otp/types';
import {
  createVaultService,
  type AccountRecord,
  type VaultHeader,
  type VaultService,
} from '../vault';
import {
  createIdbVaultStore,
  openVaultDb,
  openVaultStore,
  type IdbVaultStore,
} from './idb-vault-store';
import type { KeyfobDbSchema } from './schema';
import { failNthAdd } from '../../test/support/idb-faults';

const ITERATIONS = 1_000;
const PASSPHRASE = 'correct horse battery staple';
const NEW_PASSPHRASE = 'tr0ub4dor and three more words';
const SECRET = 'JBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQ';
const ACCOUNT_NAME = 'alice.liddell@wonderland.example';
const ISSUER = 'Tweedledum Industries';
const ORIGIN = 'https://auth.wonderland.example';

const params: OtpParams = {
  type: 'totp',
  secret: SECRET,
  account: ACCOUNT_NAME,
  issuer: ISSUER,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

function base32Decode(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    buffer = (buffer << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Every key and value of every object store, as IndexedDB returns them. */
async function snapshot(db: IDBPDatabase<KeyfobDbSchema>) {
  const result: Record<string, [IDBValidKey, unknown][]> = {};
  for (const name of db.objectStoreNames) {
    const tx = db.transaction(name);
    const keys = await tx.store.getAllKeys();
    const values = await tx.store.getAll();
    result[name] = keys.map((key, i) => [key, values[i]]);
    await tx.done;
  }
  return result;
}

const indexOfBytes = (haystack: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

/** Walks any stored value and returns where a needle (text or bytes) shows up. */
function findNeedles(value: unknown, needles: Record<string, Uint8Array>, path = '$'): string[] {
  if (typeof value === 'string') {
    const asBytes = utf8Encode(value);
    return Object.entries(needles)
      .filter(([, n]) => indexOfBytes(asBytes, n) >= 0)
      .map(([name]) => `${name} in string at ${path}`);
  }
  if (value instanceof ArrayBuffer) return findNeedles(new Uint8Array(value), needles, path);
  if (ArrayBuffer.isView(value)) {
    const view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return Object.entries(needles)
      .filter(([, n]) => indexOfBytes(view, n) >= 0)
      .map(([name]) => `${name} in bytes at ${path}`);
  }
  if (value instanceof Map) return findNeedles([...value.entries()], needles, path);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...findNeedles(k, needles, `${path}.<key>`),
      ...findNeedles(v, needles, `${path}.${k}`),
    ]);
  }
  return [];
}

/** Records every value handed to IndexedDB for writing, at the moment it is written. */
function captureWrites(): unknown[] {
  const written: unknown[] = [];
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
      this: IDBObjectStore,
      ...args: [unknown, IDBValidKey?]
    ) {
      written.push(structuredClone(args));
      return original.apply(this, args);
    });
  }
  return written;
}

interface Event {
  kind: 'subtle' | 'tx';
  detail: string;
}

/** Logs WebCrypto calls and IndexedDB transactions in the order they happen. */
function traceCryptoAndTransactions(): Event[] {
  const events: Event[] = [];
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of [
    'deriveKey',
    'importKey',
    'wrapKey',
    'unwrapKey',
    'encrypt',
    'decrypt',
    'generateKey',
    'exportKey',
  ]) {
    const original = subtle[name]!.bind(crypto.subtle);
    vi.spyOn(subtle, name).mockImplementation((...args: unknown[]) => {
      events.push({ kind: 'subtle', detail: name });
      return original(...args);
    });
  }
  const transaction = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const tx = transaction.apply(this, args);
    events.push({
      kind: 'tx',
      detail: `${tx.mode}:${tx.durability}:${[...tx.objectStoreNames].join(',')}`,
    });
    return tx;
  });
  return events;
}

const writesIn = (events: Event[]) =>
  events.filter((e) => e.kind === 'tx' && e.detail.startsWith('readwrite'));

/** True when no WebCrypto call happens after the first write transaction opens. */
const cryptoBeforeWrites = (events: Event[]) => {
  const firstWrite = events.findIndex((e) => e.kind === 'tx' && e.detail.startsWith('readwrite'));
  return firstWrite >= 0 && events.slice(firstWrite).every((e) => e.kind === 'tx');
};

const names: string[] = [];
const newName = () => {
  const name = `keyfob-vault-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};

let db: IDBPDatabase<KeyfobDbSchema>;
let store: IdbVaultStore;
let vault: VaultService;
const open: IdbVaultStore[] = [];

beforeEach(async () => {
  const dbName = newName();
  db = await openVaultDb({ dbName });
  store = createIdbVaultStore(db);
  open.push(store);
  vault = createVaultService({ store, iterations: ITERATIONS });
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

describe('vault on IndexedDB', () => {
  it('writes 600,000 PBKDF2 iterations into the header by default', async () => {
    await createVaultService({ store }).create(PASSPHRASE, PASSPHRASE);
    const [[, header]] = (await snapshot(db)).meta as [[string, { keySlot: { kdf: object } }]];
    expect(header.keySlot.kdf).toMatchObject({
      algorithm: 'PBKDF2-HMAC-SHA256',
      iterations: 600_000,
    });
  });

  it('never writes a secret, name, issuer, origin, passphrase or key in the clear', async () => {
    const written = captureWrites();
    await vault.create(PASSPHRASE, PASSPHRASE);
    const a = await vault.add({ params, origin: ORIGIN as never, state: 'pending' });
    await vault.add({
      params: { ...params, type: 'hotp', counter: 7, account: `${ACCOUNT_NAME}2` },
    });
    await vault.update(a.id, { state: 'verified', params: { issuer: `${ISSUER} Ltd` } });
    await vault.changePassphrase(PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE);
    const vaultKey = await vault.exportSessionKey();

    const needles: Record<string, Uint8Array> = {
      'base32 secret': utf8Encode(SECRET),
      'lower-case base32 secret': utf8Encode(SECRET.toLowerCase()),
      'raw secret bytes': base32Decode(SECRET),
      'account name': utf8Encode(ACCOUNT_NAME),
      issuer: utf8Encode(ISSUER),
      origin: utf8Encode(ORIGIN),
      passphrase: utf8Encode(PASSPHRASE),
      'new passphrase': utf8Encode(NEW_PASSPHRASE),
      'vault key': vaultKey,
    };
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(findNeedles(written, needles)).toEqual([]);
    expect(findNeedles(await snapshot(db), needles)).toEqual([]);
    // The search itself works: the same walk finds the secret in an open account.
    expect(findNeedles(await vault.get(a.id), needles)).toContain(
      'base32 secret in string at $.params.secret',
    );
  });

  it('leaves every store byte-identical after a wrong passphrase', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params });
    vault.lock();
    const before = await snapshot(db);
    const events = traceCryptoAndTransactions();
    // An older, weaker header must not be "upgraded" by a wrong passphrase either.
    const stronger = createVaultService({ store, iterations: ITERATIONS * 2 });
    await expect(stronger.unlock(NEW_PASSPHRASE)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(vault.unlock(NEW_PASSPHRASE)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(writesIn(events)).toEqual([]);
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('changes the passphrase with one strict header write after all crypto, records untouched', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params });
    await vault.add({ params: { ...params, account: 'second' } });
    const before = await snapshot(db);
    const events = traceCryptoAndTransactions();
    await vault.changePassphrase(PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE);
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);

    const after = await snapshot(db);
    expect(after.accounts).toStrictEqual(before.accounts);
    expect(after.meta).not.toStrictEqual(before.meta);

    const fresh = createVaultService({ store, iterations: ITERATIONS });
    await expect(fresh.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await fresh.unlock(NEW_PASSPHRASE);
    expect((await fresh.list()).accounts.map((a) => a.params.account).sort()).toEqual([
      ACCOUNT_NAME,
      'second',
    ]);
  });

  it('does all crypto before opening strict write transactions', async () => {
    const events = traceCryptoAndTransactions();
    await vault.create(PASSPHRASE, PASSPHRASE);
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);

    events.length = 0;
    const a = await vault.add({ params });
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:accounts,meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);

    events.length = 0;
    await vault.update(a.id, { state: 'pending' });
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:accounts,meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);

    vault.lock();
    events.length = 0;
    // Unlocking an older, weaker header re-wraps the key: also a strict write after crypto.
    await createVaultService({ store, iterations: ITERATIONS * 2 }).unlock(PASSPHRASE);
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);
  });

  it('adds a batch in one strict transaction after all its crypto', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    const events = traceCryptoAndTransactions();
    const added = await vault.addAccounts(
      ['one', 'two', 'three'].map((account) => ({ params: { ...params, account } })),
    );
    expect(writesIn(events).map((e) => e.detail)).toEqual(['readwrite:strict:accounts,meta']);
    expect(cryptoBeforeWrites(events)).toBe(true);
    // The three accounts and the version manifest.
    expect(events.filter((e) => e.detail === 'encrypt')).toHaveLength(4);
    expect((await snapshot(db)).accounts!.map(([id]) => id).sort()).toEqual(
      added.map((a) => a.id).sort(),
    );
  });

  it('writes nothing of a batch that fails halfway, and keeps listing what is on disk', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params });
    const listed = await vault.list();
    const before = await snapshot(db);
    const adds = failNthAdd(50);
    const batch = Array.from({ length: 100 }, (_, i) => ({
      params: { ...params, account: `user${i}` },
    }));
    await expect(vault.addAccounts(batch)).rejects.toMatchObject({ code: 'storage-failed' });
    expect(adds()).toBe(50);
    expect(await snapshot(db)).toStrictEqual(before);
    expect(await vault.list()).toEqual(listed);
  });

  describe('tampered records', () => {
    let good: AccountRecord;
    let bad: AccountRecord;

    beforeEach(async () => {
      await vault.create(PASSPHRASE, PASSPHRASE);
      const g = await vault.add({ params: { ...params, account: 'good' } });
      const b = await vault.add({ params: { ...params, account: 'bad' } });
      good = (await db.get('accounts', g.id))!;
      bad = (await db.get('accounts', b.id))!;
    });

    async function expectDamaged(ids: string[], openIds: string[]) {
      const before = await snapshot(db);
      const listing = await vault.list();
      expect([...listing.damaged].sort()).toEqual([...ids].sort());
      expect(listing.accounts.map((a) => a.id).sort()).toEqual([...openIds].sort());
      for (const id of ids) {
        await expect(vault.update(id as never, { state: 'pending' })).rejects.toMatchObject({
          code: 'record-damaged',
        });
      }
      // Kept exactly as found: neither deleted nor rewritten.
      expect(await snapshot(db)).toStrictEqual(before);
    }

    it('reports a flipped ciphertext byte', async () => {
      bad.sealed.ciphertext[5]! ^= 0x10;
      await db.put('accounts', bad);
      await expectDamaged([bad.id], [good.id]);
    });

    it('reports a flipped IV byte', async () => {
      bad.sealed.iv[11]! ^= 0x01;
      await db.put('accounts', bad);
      await expectDamaged([bad.id], [good.id]);
    });

    it('reports a changed format version (part of the additional data)', async () => {
      await db.put('accounts', { ...bad, format: 1 as never });
      await expectDamaged([bad.id], [good.id]);
    });

    it('reports records whose sealed boxes were swapped between ids', async () => {
      await db.put('accounts', { ...good, sealed: bad.sealed });
      await db.put('accounts', { ...bad, sealed: good.sealed });
      await expectDamaged([good.id, bad.id], []);
    });

    it('reports a record moved in from another vault under its own id', async () => {
      const otherStore = await openVaultStore({ dbName: newName() });
      open.push(otherStore);
      const other = createVaultService({ store: otherStore, iterations: ITERATIONS });
      await other.create(PASSPHRASE, PASSPHRASE);
      const foreign = await other.add({ params: { ...params, account: 'foreign' } });
      await db.put('accounts', (await otherStore.getRecord(foreign.id))!);
      await expectDamaged([foreign.id], [good.id, bad.id]);
    });

    it('reports a record from another vault placed under an existing id', async () => {
      const otherStore = await openVaultStore({ dbName: newName() });
      open.push(otherStore);
      const other = createVaultService({ store: otherStore, iterations: ITERATIONS });
      await other.create(PASSPHRASE, PASSPHRASE);
      const foreign = (await otherStore.getRecord((await other.add({ params })).id))!;
      await db.put('accounts', { ...foreign, id: bad.id });
      await expectDamaged([bad.id], [good.id]);
    });
  });

  it('survives a worker restart through the session key, and rejects a wrong one', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    const added = await vault.add({ params });
    const parked = await vault.exportSessionKey();
    store.close();

    const reopened = await openVaultStore({ dbName: names[0]! });
    open.push(reopened);
    const restarted = createVaultService({ store: reopened, iterations: ITERATIONS });
    const wrong = crypto.getRandomValues(new Uint8Array(32));
    await expect(restarted.unlockWithSessionKey(wrong)).rejects.toMatchObject({
      code: 'session-key-invalid',
    });
    expect(restarted.isUnlocked()).toBe(false);
    await restarted.unlockWithSessionKey(parked);
    expect(await restarted.get(added.id)).toEqual(added);
  });

  /** Stops the worker (closes its connection) and starts a new one on the same database. */
  async function restartWorker(parked: Uint8Array) {
    store.close();
    const reopened = await openVaultStore({ dbName: names[0]! });
    open.push(reopened);
    const restarted = createVaultService({ store: reopened, iterations: ITERATIONS });
    await restarted.unlockWithSessionKey(parked);
    return { restarted };
  }

  it('refuses an older copy of a record put back while the worker was stopped', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    const kept = await vault.add({ params: { ...params, account: 'kept' } });
    const target = await vault.add({ params });
    const oldCopy = (await db.get('accounts', target.id))!;
    await vault.update(target.id, { params: { account: 'renamed' } });
    const parked = await vault.exportSessionKey();

    // While the worker is stopped, the old copy goes back in place of the newer one.
    store.close();
    const raw = await openVaultDb({ dbName: names[0]! });
    await raw.put('accounts', oldCopy);
    raw.close();

    const { restarted } = await restartWorker(parked);
    const rawAfter = await openVaultDb({ dbName: names[0]! });
    const before = await snapshot(rawAfter);
    const listing = await restarted.list();
    expect(listing.damaged).toEqual([target.id]);
    expect(listing.accounts.map((a) => a.id)).toEqual([kept.id]);
    await expect(restarted.get(target.id)).rejects.toMatchObject({ code: 'record-damaged' });
    await expect(restarted.update(target.id, { state: 'pending' })).rejects.toMatchObject({
      code: 'record-damaged',
    });
    // Nothing overwritten, nothing deleted.
    expect(await snapshot(rawAfter)).toStrictEqual(before);
    rawAfter.close();
  });

  it('keeps edits and deletes across a worker restart', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    const a = await vault.add({ params: { ...params, account: 'a' } });
    const b = await vault.add({ params: { ...params, account: 'b' } });
    await vault.update(a.id, { params: { account: 'a2' } });
    await vault.remove(b.id);
    const { restarted } = await restartWorker(await vault.exportSessionKey());
    expect(await restarted.list()).toEqual({
      accounts: [
        expect.objectContaining({ id: a.id, params: expect.objectContaining({ account: 'a2' }) }),
      ],
      damaged: [],
    });
    await restarted.update(a.id, { params: { account: 'a3' } });
    expect((await restarted.get(a.id)).params.account).toBe('a3');
  });

  it('reports a structurally damaged header and refuses to create over it', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    vault.lock();
    const header = (await db.get('meta', 'vault-header')) as VaultHeader;
    await db.put(
      'meta',
      {
        ...header,
        keySlot: { ...header.keySlot, kdf: { ...header.keySlot.kdf, salt: 'salt' } },
      } as never,
      'vault-header',
    );
    const before = await snapshot(db);
    await expect(vault.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'vault-header-damaged' });
    await expect(vault.create(PASSPHRASE, PASSPHRASE)).rejects.toMatchObject({
      code: 'vault-exists',
    });
    expect(await snapshot(db)).toStrictEqual(before);
  });
});
