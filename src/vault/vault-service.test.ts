import type { AccountId, Origin } from '../shared';
import type { OtpParams } from '../otp/types';
import { toAccountPayload } from './account-payload';
import { sealPayload } from './account-sealing';
import { createKeyManager } from './key-manager';
import { createMemoryVaultStore, type MemoryVaultStore } from './memory-vault-store';
import type { AccountRecord, VaultHeader } from './records';
import type { VaultService } from './service-contract';
import { createVaultService } from './vault-service';
import type { VaultStore } from './vault-store';

/** Small so the suite stays fast; the default is checked on its own (storage tests too). */
const ITERATIONS = 1_000;
const PASSPHRASE = 'correct horse battery staple';
const OTHER_PASSPHRASE = 'a different long passphrase';

const totp = (over: Partial<OtpParams> = {}): OtpParams => ({
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  account: 'alice@example.com',
  issuer: 'Example',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  ...over,
});

let store: MemoryVaultStore;
let clock: number;
let vault: VaultService;

const service = (over: { store?: VaultStore; iterations?: number } = {}) =>
  createVaultService({ store, iterations: ITERATIONS, now: () => clock, ...over });

const header = () => store.contents.header as VaultHeader;
const record = (id: string) => store.contents.records.get(id) as AccountRecord;
const disk = () => structuredClone(store.contents);

beforeEach(() => {
  store = createMemoryVaultStore();
  clock = 1_700_000_000_000;
  vault = service();
});

describe('create', () => {
  it('writes a header and leaves the vault unlocked', async () => {
    expect(await vault.exists()).toBe(false);
    expect(await vault.vaultId()).toBeNull();
    await vault.create(PASSPHRASE, PASSPHRASE);
    expect(await vault.exists()).toBe(true);
    expect(vault.isUnlocked()).toBe(true);
    // The clear header's id, readable while locked too.
    vault.lock();
    expect(await vault.vaultId()).toBe(header().vaultId);
    expect(header()).toMatchObject({
      format: 1,
      vaultId: expect.stringMatching(/^[0-9a-f]{32}$/),
      revision: 0,
      createdAt: clock,
      keySlot: { kdf: { algorithm: 'PBKDF2-HMAC-SHA256', iterations: ITERATIONS } },
    });
    expect(header().keySlot.kdf.salt).toHaveLength(16);
    expect(header().keySlot.wrappedKey.iv).toHaveLength(12);
    expect(header().keySlot.wrappedKey.ciphertext).toHaveLength(48);
  });

  it('uses 600,000 PBKDF2 iterations unless told otherwise', async () => {
    await createVaultService({ store }).create(PASSPHRASE, PASSPHRASE);
    expect(header().keySlot.kdf.iterations).toBe(600_000);
  });

  it('refuses a weak passphrase with the reason, and writes nothing', async () => {
    const error = await vault.create('short', 'short').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'passphrase-weak', message: expect.stringMatching(/12/) });
    await expect(vault.create('aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa')).rejects.toMatchObject({
      code: 'passphrase-weak',
    });
    expect(await vault.exists()).toBe(false);
    expect(vault.isUnlocked()).toBe(false);
  });

  it('refuses a confirmation that differs, and writes nothing', async () => {
    await expect(vault.create(PASSPHRASE, `${PASSPHRASE} `)).rejects.toMatchObject({
      code: 'passphrase-mismatch',
    });
    expect(await vault.exists()).toBe(false);
  });

  it('accepts a confirmation that differs only in Unicode composition', async () => {
    await vault.create(
      'caf\u00e9 cr\u00e8me br\u00fbl\u00e9e',
      'cafe\u0301 cre\u0300me bru\u0302le\u0301e',
    );
    vault.lock();
    await vault.unlock('cafe\u0301 cre\u0300me bru\u0302le\u0301e');
    expect(vault.isUnlocked()).toBe(true);
  });

  it('refuses to replace an existing vault', async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    const before = disk();
    await expect(service().create(OTHER_PASSPHRASE, OTHER_PASSPHRASE)).rejects.toMatchObject({
      code: 'vault-exists',
    });
    expect(disk()).toEqual(before);
  });

  it('refuses when another create wins the race between its check and its write', async () => {
    const a = service();
    const b = service();
    const results = await Promise.allSettled([
      a.create(PASSPHRASE, PASSPHRASE),
      b.create(OTHER_PASSPHRASE, OTHER_PASSPHRASE),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'vault-exists' });
  });
});

describe('unlock and lock', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params: totp() });
    vault.lock();
  });

  it('opens with the passphrase, in a fresh service too (worker restart)', async () => {
    const fresh = service();
    expect(fresh.isUnlocked()).toBe(false);
    await fresh.unlock(PASSPHRASE);
    expect((await fresh.list()).accounts).toHaveLength(1);
  });

  it('rejects a wrong passphrase, stays locked and changes nothing on disk', async () => {
    const before = disk();
    await expect(vault.unlock(OTHER_PASSPHRASE)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(vault.unlock(PASSPHRASE.toUpperCase())).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(vault.isUnlocked()).toBe(false);
    expect(disk()).toEqual(before);
  });

  it('refuses every account operation while locked', async () => {
    const id = 'x' as AccountId;
    await expect(vault.list()).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.get(id)).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.add({ params: totp() })).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.update(id, {})).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.remove(id)).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.exportSessionKey()).rejects.toMatchObject({ code: 'vault-locked' });
  });

  it('lets a lock() that arrives during an unlock win', async () => {
    const pending = vault.unlock(PASSPHRASE);
    vault.lock();
    await expect(pending).rejects.toMatchObject({ code: 'vault-locked' });
    expect(vault.isUnlocked()).toBe(false);
  });

  it('reports a missing vault', async () => {
    const empty = createVaultService({ store: createMemoryVaultStore(), iterations: ITERATIONS });
    await expect(empty.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'vault-missing' });
    await expect(empty.unlockWithSessionKey(new Uint8Array(32))).rejects.toMatchObject({
      code: 'vault-missing',
    });
    await expect(
      empty.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE),
    ).rejects.toMatchObject({
      code: 'vault-missing',
    });
  });

  it('raises the iteration count of an old header at the next correct unlock', async () => {
    const records = structuredClone(store.contents.records);
    const stronger = service({ iterations: 2_000 });
    await expect(stronger.unlock(OTHER_PASSPHRASE)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(header().keySlot.kdf.iterations).toBe(ITERATIONS);
    await stronger.unlock(PASSPHRASE);
    expect(header()).toMatchObject({ revision: 1, keySlot: { kdf: { iterations: 2_000 } } });
    expect(store.contents.records).toEqual(records);
    const again = service({ iterations: 2_000 });
    await again.unlock(PASSPHRASE);
    expect((await again.list()).accounts).toHaveLength(1);
  });
});

describe('session key', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params: totp() });
  });

  it('exports 32 raw bytes that unlock a fresh service', async () => {
    const raw = await vault.exportSessionKey();
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(raw).toHaveLength(32);
    const restarted = service();
    await restarted.unlockWithSessionKey(raw);
    expect(restarted.isUnlocked()).toBe(true);
    expect((await restarted.list()).accounts[0]?.params.secret).toBe(totp().secret);
    // A session-unlocked vault can export again (the worker may restart twice).
    expect(await restarted.exportSessionKey()).toEqual(raw);
  });

  it('rejects a key that is not this vault’s, and stays locked', async () => {
    const otherStore = createMemoryVaultStore();
    const other = createVaultService({ store: otherStore, iterations: ITERATIONS });
    await other.create(PASSPHRASE, PASSPHRASE);
    const foreign = await other.exportSessionKey();
    const own = await vault.exportSessionKey();
    const flipped = new Uint8Array(own);
    flipped[0]! ^= 1;
    for (const raw of [
      foreign,
      flipped,
      new Uint8Array(32),
      new Uint8Array(16),
      own.slice(0, 31),
    ]) {
      const restarted = service();
      await expect(restarted.unlockWithSessionKey(raw)).rejects.toMatchObject({
        code: 'session-key-invalid',
      });
      expect(restarted.isUnlocked()).toBe(false);
    }
  });

  it('is cleared by lock', async () => {
    vault.lock();
    await expect(vault.exportSessionKey()).rejects.toMatchObject({ code: 'vault-locked' });
  });
});

describe('changePassphrase', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    await vault.add({ params: totp() });
  });

  it('re-wraps the key only: old passphrase fails, new one works, records untouched', async () => {
    const before = disk();
    const sessionKey = await vault.exportSessionKey();
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE);
    expect(store.contents.records).toEqual(before.records);
    const { keySlot, revision, ...rest } = header();
    const { keySlot: oldSlot, revision: oldRevision, ...oldRest } = before.header as VaultHeader;
    expect(rest).toEqual(oldRest);
    expect(revision).toBe(oldRevision + 1);
    expect(keySlot.kdf.salt).not.toEqual(oldSlot.kdf.salt);

    const fresh = service();
    await expect(fresh.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await fresh.unlock(OTHER_PASSPHRASE);
    expect((await fresh.list()).accounts).toHaveLength(1);
    expect(await fresh.exportSessionKey()).toEqual(sessionKey);
  });

  it('works while locked and leaves the vault locked', async () => {
    vault.lock();
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE);
    expect(vault.isUnlocked()).toBe(false);
    await vault.unlock(OTHER_PASSPHRASE);
  });

  it('changes nothing on a wrong current, weak or mismatched new passphrase', async () => {
    const before = disk();
    await expect(
      vault.changePassphrase(OTHER_PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE),
    ).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(vault.changePassphrase(PASSPHRASE, 'short', 'short')).rejects.toMatchObject({
      code: 'passphrase-weak',
    });
    await expect(
      vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, PASSPHRASE),
    ).rejects.toMatchObject({ code: 'passphrase-mismatch' });
    expect(disk()).toEqual(before);
  });

  it('never lowers an iteration count that was raised', async () => {
    const weaker = service({ iterations: 500 });
    await weaker.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE);
    expect(header().keySlot.kdf.iterations).toBe(ITERATIONS);
  });

  it('refuses to overwrite a header another change rewrote in the meantime', async () => {
    const racing = await Promise.allSettled([
      vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE),
      service().changePassphrase(PASSPHRASE, 'yet another passphrase', 'yet another passphrase'),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = racing.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'vault-busy' });
    expect(header().revision).toBe(1);
  });
});

describe('accounts', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  it('adds, lists in order, gets, updates and removes', async () => {
    const origin = 'https://login.example.com' as Origin;
    const a = await vault.add({ params: totp(), origin, state: 'pending' });
    clock += 1000;
    const { issuer: _none, ...noIssuer } = totp({ type: 'hotp', counter: 0, account: 'bob' });
    const b = await vault.add({ params: noIssuer });
    expect(a).toMatchObject({ state: 'pending', origin, order: 0, createdAt: clock - 1000 });
    expect(b).toMatchObject({ state: 'verified', order: 1, createdAt: clock, updatedAt: clock });
    expect(b.params).not.toHaveProperty('issuer');
    expect(a.id).not.toBe(b.id);

    expect(await vault.list()).toEqual({ accounts: [a, b], damaged: [] });
    expect(await vault.get(b.id)).toEqual(b);

    clock += 1000;
    const ivBefore = record(a.id).sealed.iv;
    const updated = await vault.update(a.id, { state: 'verified', params: { issuer: 'Renamed' } });
    expect(updated).toEqual({
      ...a,
      state: 'verified',
      params: { ...a.params, issuer: 'Renamed' },
      updatedAt: clock,
    });
    expect(record(a.id).sealed.iv).not.toEqual(ivBefore);
    expect(await vault.get(a.id)).toEqual(updated);

    await vault.remove(b.id);
    await expect(vault.get(b.id)).rejects.toMatchObject({ code: 'account-not-found' });
    await expect(vault.remove(b.id)).rejects.toMatchObject({ code: 'account-not-found' });
    expect((await vault.list()).accounts).toEqual([updated]);
  });

  it('keeps secret and type out of reach of update; an empty issuer removes it', async () => {
    const a = await vault.add({ params: totp() });
    const sneaky = { params: { secret: 'AAAAAAAAAAAAAAAA', type: 'hotp', issuer: '' } };
    const updated = await vault.update(a.id, sneaky as never);
    expect(updated.params.secret).toBe(a.params.secret);
    expect(updated.params.type).toBe('totp');
    expect(updated.params).not.toHaveProperty('issuer');
  });

  it('removes the issuer when the patch names it with undefined, keeps it when absent', async () => {
    const origin = 'https://login.example.com' as Origin;
    const a = await vault.add({ params: totp(), origin });
    const renamed = await vault.update(a.id, { params: { account: 'carol' } });
    expect(renamed.params).toMatchObject({ account: 'carol', issuer: 'Example' });
    const cleared = await vault.update(a.id, {
      params: { account: 'carol', issuer: undefined },
      origin: undefined,
    });
    expect(cleared.params).not.toHaveProperty('issuer');
    expect(cleared.origin).toBe(origin);
    expect((await vault.get(a.id)).params).not.toHaveProperty('issuer');
  });

  it('marks an origin a patch sets as linked by the person, not one a setup added with', async () => {
    const origin = 'https://login.example.com' as Origin;
    const enrolled = await vault.add({ params: totp(), origin });
    expect(enrolled.linked).toBeUndefined();
    expect((await vault.update(enrolled.id, { params: { issuer: 'X' } })).linked).toBeUndefined();
    const typed = await vault.add({ params: totp({ account: 'typed' }) });
    expect(await vault.update(typed.id, { origin })).toMatchObject({ origin, linked: true });
    expect((await vault.update(typed.id, { state: 'verified' })).linked).toBe(true);
    const unlinked = await vault.update(typed.id, { origin: null });
    expect(unlinked.origin).toBeUndefined();
    expect(unlinked.linked).toBeUndefined();
    // What a new worker reads from disk says the same.
    const fresh = service();
    await fresh.unlock(PASSPHRASE);
    expect((await fresh.get(enrolled.id)).linked).toBeUndefined();
  });

  it('links an origin and unlinks it only when the patch says null, keeping everything else', async () => {
    const a = await vault.add({ params: totp() });
    const origin = 'https://login.example.com' as Origin;
    const linked = await vault.update(a.id, { origin });
    expect(linked).toMatchObject({ origin, state: 'verified', params: a.params });
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect((await vault.get(a.id)).origin).toBe(origin);

    const unlinked = await vault.update(a.id, { origin: null });
    expect(unlinked).not.toHaveProperty('origin');
    expect(unlinked).toMatchObject({ state: 'verified', params: a.params });
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect(await vault.get(a.id)).not.toHaveProperty('origin');
  });

  it('moves an HOTP counter on', async () => {
    const h = await vault.add({ params: totp({ type: 'hotp', counter: 4 }) });
    expect((await vault.update(h.id, { params: { counter: 5 } })).params.counter).toBe(5);
    expect((await vault.get(h.id)).params.counter).toBe(5);
  });

  it('refuses malformed accounts and patches, writing nothing', async () => {
    const a = await vault.add({ params: totp() });
    const before = disk();
    await expect(vault.add({ params: totp({ digits: 0 }) })).rejects.toMatchObject({
      code: 'account-invalid',
    });
    await expect(vault.add({ params: totp({ secret: '' }) })).rejects.toMatchObject({
      code: 'account-invalid',
    });
    await expect(vault.update(a.id, { params: { period: -1 } })).rejects.toMatchObject({
      code: 'account-invalid',
    });
    await expect(vault.update(a.id, { state: 'gone' as never })).rejects.toMatchObject({
      code: 'account-invalid',
    });
    await expect(vault.update('nope' as AccountId, {})).rejects.toMatchObject({
      code: 'account-not-found',
    });
    expect(disk()).toEqual(before);
  });

  it('does not lose either of two concurrent updates', async () => {
    const a = await vault.add({ params: totp() });
    await Promise.all([
      vault.update(a.id, { params: { issuer: 'New issuer' } }),
      vault.update(a.id, { state: 'replaced' }),
    ]);
    expect(await vault.get(a.id)).toMatchObject({
      state: 'replaced',
      params: { issuer: 'New issuer' },
    });
  });

  it('reads again, rather than call the record damaged, when its own write overtook a read', async () => {
    const a = await vault.add({ params: totp() });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    let holding!: () => void;
    const isHeld = new Promise<void>((resolve) => (holding = resolve));
    // The first read returns what was on disk when it started, only after a later write of the
    // same worker has committed a newer version.
    const racing: VaultStore = {
      ...store,
      async getRecord(id) {
        const stored = await store.getRecord(id);
        if (!held) {
          held = true;
          holding();
          await released;
        }
        return stored;
      },
    };
    const worker = service({ store: racing });
    await worker.unlockWithSessionKey(await vault.exportSessionKey());
    const overtaken = worker.update(a.id, { state: 'replaced' });
    await isHeld;
    await worker.update(a.id, { params: { issuer: 'New issuer' } });
    release();
    await overtaken;
    expect(await worker.get(a.id)).toMatchObject({
      state: 'replaced',
      params: { issuer: 'New issuer' },
    });
  });

  it('gives up with vault-busy when every attempt is overtaken', async () => {
    const a = await vault.add({ params: totp() });
    const busy: VaultStore = { ...store, replaceRecord: async () => false };
    const contended = service({ store: busy });
    await contended.unlockWithSessionKey(await vault.exportSessionKey());
    await expect(contended.update(a.id, { state: 'pending' })).rejects.toMatchObject({
      code: 'vault-busy',
    });
  });

  it('places new accounts after the highest order, ignoring nonsense orders', async () => {
    const a = await vault.add({ params: totp() });
    store.contents.records.set(a.id, { ...record(a.id), order: 41 });
    store.contents.records.set('junk', { id: 'junk', order: 'zzz' });
    expect((await vault.add({ params: totp() })).order).toBe(0 + 42);
  });
});

describe('addAccounts', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  const batch = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => ({
      params: totp({
        secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[(from + i) % 26]}`,
        account: `user${from + i}`,
      }),
    }));

  it('adds every account after the existing ones, in the given order', async () => {
    const first = await vault.add({ params: totp({ account: 'first' }) });
    clock += 1000;
    const origin = 'https://login.example.com' as Origin;
    const added = await vault.addAccounts([
      ...batch(3),
      {
        params: totp({ account: 'restored' }),
        state: 'pending',
        origin,
        createdAt: 5,
        updatedAt: 7,
      },
    ]);
    expect(added.map((a) => a.order)).toEqual([1, 2, 3, 4]);
    expect(added.map((a) => a.params.account)).toEqual(['user0', 'user1', 'user2', 'restored']);
    expect(added[0]).toMatchObject({ state: 'verified', createdAt: clock, updatedAt: clock });
    expect(added[3]).toMatchObject({ state: 'pending', origin, createdAt: 5, updatedAt: 7 });
    expect(new Set(added.map((a) => a.id)).size).toBe(4);
    expect(await vault.list()).toEqual({ accounts: [first, ...added], damaged: [] });
    // What a fresh worker reads from disk is the same.
    const fresh = service();
    await fresh.unlock(PASSPHRASE);
    expect(await fresh.list()).toEqual(await vault.list());
  });

  it('reports its progress rising as the batch is sealed, and 1 only once it is stored', async () => {
    const heard: { fraction: number; stored: number }[] = [];
    const onProgress = (fraction: number) =>
      heard.push({ fraction, stored: store.contents.records.size });
    await vault.addAccounts(batch(20), { onProgress });
    const fractions = heard.map((h) => h.fraction);
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(10);
    expect(heard.at(-1)).toEqual({ fraction: 1, stored: 20 });
    expect(heard.filter((h) => h.fraction < 1).every((h) => h.stored === 0)).toBe(true);
  });

  it('writes none of the batch when one account is malformed', async () => {
    await vault.add({ params: totp() });
    const before = disk();
    for (const bad of [
      { params: totp({ digits: 0 }) },
      { params: totp(), createdAt: Number.NaN },
      { params: totp(), state: 'gone' as never },
    ]) {
      await expect(vault.addAccounts([...batch(2), bad, ...batch(2, 2)])).rejects.toMatchObject({
        code: 'account-invalid',
      });
    }
    expect(disk()).toEqual(before);
  });

  it('writes none of the batch when the store fails, and lists what is on disk', async () => {
    await vault.add({ params: totp() });
    const listed = await vault.list();
    const failing: VaultStore = {
      ...store,
      addRecords: () => Promise.reject(new Error('disk full')),
    };
    const broken = service({ store: failing });
    await broken.unlockWithSessionKey(await vault.exportSessionKey());
    expect(await broken.list()).toEqual(listed);
    const before = disk();
    await expect(broken.addAccounts(batch(5))).rejects.toMatchObject({ code: 'storage-failed' });
    await expect(broken.add({ params: totp() })).rejects.toMatchObject({ code: 'storage-failed' });
    expect(disk()).toEqual(before);
    expect(await broken.list()).toEqual(listed);
  });

  it('refuses while locked, even an empty batch', async () => {
    vault.lock();
    await expect(vault.addAccounts([])).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.addAccounts(batch(1))).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.findDuplicates([totp()])).rejects.toMatchObject({ code: 'vault-locked' });
  });
});

describe('findDuplicates', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  it('matches on type and canonical secret, not on names, in the vault and earlier in the list', async () => {
    await vault.add({ params: totp({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' }) });
    const hotp = totp({ type: 'hotp', counter: 0, secret: 'GEZDGNBVGY3TQOJQGEZDGNBV' });
    await vault.add({ params: hotp });
    expect(
      await vault.findDuplicates([
        totp({ secret: 'jbsw y3dp-ehpk 3pxp jbsw y3dp', account: 'someone else' }),
        totp({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBV' }),
        { ...hotp, type: 'hotp' },
        totp({ type: 'hotp', counter: 0, secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' }),
        totp({ secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' }),
        totp({ secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', issuer: 'Other' }),
      ]),
    ).toEqual([true, false, true, false, false, true]);
  });

  it('follows adds, updates and removes', async () => {
    const a = await vault.add({ params: totp() });
    expect(await vault.findDuplicates([totp()])).toEqual([true]);
    await vault.update(a.id, { params: { account: 'renamed' } });
    expect(await vault.findDuplicates([totp()])).toEqual([true]);
    await vault.remove(a.id);
    expect(await vault.findDuplicates([totp()])).toEqual([false]);
    await vault.addAccounts([{ params: totp() }]);
    expect(await vault.findDuplicates([totp()])).toEqual([true]);
  });
});

describe('the open-account cache', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  /** What a fresh worker would list from the same disk. */
  async function fromDisk() {
    const fresh = service();
    await fresh.unlockWithSessionKey(await vault.exportSessionKey());
    return fresh.list();
  }

  it('lists again without decrypting anything', async () => {
    await vault.addAccounts([{ params: totp() }, { params: totp({ account: 'bob' }) }]);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const first = await vault.list();
    expect(decrypt).toHaveBeenCalledTimes(2);
    decrypt.mockClear();
    expect(await vault.list()).toEqual(first);
    await vault.findDuplicates([totp()]);
    await vault.get(first.accounts[0]!.id);
    await vault.add({ params: totp({ account: 'carol' }) });
    expect((await vault.list()).accounts).toHaveLength(3);
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('agrees with the disk after every kind of write', async () => {
    await vault.list();
    const a = await vault.add({ params: totp() });
    expect(await vault.list()).toEqual(await fromDisk());
    const [b] = await vault.addAccounts([{ params: totp({ type: 'hotp', counter: 1 }) }]);
    expect(await vault.list()).toEqual(await fromDisk());
    await vault.update(b!.id, { params: { counter: 2 }, state: 'pending' });
    expect(await vault.list()).toEqual(await fromDisk());
    await vault.remove(a.id);
    expect(await vault.list()).toEqual(await fromDisk());
    await expect(vault.update(a.id, { state: 'pending' })).rejects.toMatchObject({
      code: 'account-not-found',
    });
    expect(await vault.list()).toEqual(await fromDisk());
    expect((await vault.list()).accounts.map((x) => x.params.counter)).toEqual([2]);
  });

  it('is dropped on lock: after unlocking, the listing is read from disk again', async () => {
    const a = await vault.add({ params: totp() });
    const b = await vault.add({ params: totp({ account: 'bob' }) });
    await vault.list();
    vault.lock();
    await expect(vault.list()).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(vault.get(a.id)).rejects.toMatchObject({ code: 'vault-locked' });
    // Changed on disk while locked (another version of Keyfob, a restored profile).
    store.contents.records.delete(a.id);
    await vault.unlock(PASSPHRASE);
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual([b.id]);
    await expect(vault.get(a.id)).rejects.toMatchObject({ code: 'account-not-found' });
  });

  it('is dropped when a write fails, so the next read tells the truth', async () => {
    const a = await vault.add({ params: totp() });
    const busy: VaultStore = { ...store, replaceRecord: async () => false };
    const contended = service({ store: busy });
    await contended.unlockWithSessionKey(await vault.exportSessionKey());
    expect((await contended.list()).accounts[0]).toMatchObject({ order: 0 });
    // Another writer got in, so every attempt of this update is overtaken.
    store.contents.records.set(a.id, { ...record(a.id), order: 9 });
    await expect(contended.update(a.id, { state: 'pending' })).rejects.toMatchObject({
      code: 'vault-busy',
    });
    expect((await contended.list()).accounts[0]).toMatchObject({ order: 9 });
  });

  it('hands out accounts that cannot be changed behind the vault’s back', async () => {
    const a = await vault.add({ params: totp() });
    const [listed] = (await vault.list()).accounts;
    expect(() => {
      (listed as { state: string }).state = 'replaced';
    }).toThrow(TypeError);
    expect(() => {
      (a.params as { secret: string }).secret = 'AAAAAAAAAAAAAAAA';
    }).toThrow(TypeError);
    expect(await vault.get(a.id)).toMatchObject({ state: 'verified', params: totp() });
  });
});

describe('damaged records', () => {
  let good: AccountId;
  let bad: AccountId;

  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    good = (await vault.add({ params: totp({ account: 'good' }) })).id;
    bad = (await vault.add({ params: totp({ account: 'bad' }) })).id;
  });

  const tamper = (change: (r: AccountRecord) => unknown) => {
    const changed = change(structuredClone(record(bad)));
    store.contents.records.set(bad, changed);
    return structuredClone(changed);
  };

  const cases: Record<string, (r: AccountRecord) => unknown> = {
    'a flipped ciphertext byte': (r) => ((r.sealed.ciphertext[3]! ^= 0x80), r),
    'a flipped IV byte': (r) => ((r.sealed.iv[0]! ^= 1), r),
    'a truncated ciphertext': (r) => ({
      ...r,
      sealed: { ...r.sealed, ciphertext: r.sealed.ciphertext.slice(0, 20) },
    }),
    'another format version': (r) => ({ ...r, format: 2 }),
    'a newer version number': (r) => ({ ...r, version: r.version + 1 }),
    'an unknown format version': (r) => ({ ...r, format: 4 }),
    'a missing sealed box': (r) => ({ ...r, sealed: undefined }),
    'not an object at all': () => ({ id: bad }),
  };

  for (const [name, change] of Object.entries(cases)) {
    it(`reports ${name} as damaged, keeps it, and still opens the others`, async () => {
      const stored = tamper(change);
      const listing = await vault.list();
      expect(listing.damaged).toEqual([bad]);
      expect(listing.accounts.map((a) => a.id)).toEqual([good]);
      await expect(vault.get(bad)).rejects.toMatchObject({ code: 'record-damaged' });
      await expect(vault.update(bad, { state: 'pending' })).rejects.toMatchObject({
        code: 'record-damaged',
      });
      expect(store.contents.records.get(bad)).toEqual(stored);
    });
  }

  it('refuses records whose sealed boxes were swapped between ids', async () => {
    const a = structuredClone(record(good));
    const b = structuredClone(record(bad));
    store.contents.records.set(good, { ...a, sealed: b.sealed });
    store.contents.records.set(bad, { ...b, sealed: a.sealed });
    const listing = await vault.list();
    expect(listing.accounts).toEqual([]);
    expect([...listing.damaged].sort()).toEqual([good, bad].sort());
  });

  it('refuses a record copied in from another vault', async () => {
    const otherStore = createMemoryVaultStore();
    const other = createVaultService({ store: otherStore, iterations: ITERATIONS });
    await other.create(PASSPHRASE, PASSPHRASE);
    const foreign = await other.add({ params: totp({ account: 'foreign' }) });
    store.contents.records.set(foreign.id, otherStore.contents.records.get(foreign.id));
    const listing = await vault.list();
    expect(listing.damaged).toEqual([foreign.id]);
    expect(listing.accounts).toHaveLength(2);
  });

  it('lets a person delete a damaged record on purpose', async () => {
    tamper((r) => ((r.sealed.ciphertext[0]! ^= 1), r));
    await vault.remove(bad);
    expect(await vault.list()).toMatchObject({ damaged: [] });
  });
});

describe('damaged header', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
    vault.lock();
  });

  const damage: Record<string, (h: VaultHeader) => unknown> = {
    'a missing salt': (h) => ({
      ...h,
      keySlot: { ...h.keySlot, kdf: { ...h.keySlot.kdf, salt: undefined } },
    }),
    'a short salt': (h) => ({
      ...h,
      keySlot: { ...h.keySlot, kdf: { ...h.keySlot.kdf, salt: new Uint8Array(4) } },
    }),
    'an unknown KDF': (h) => ({
      ...h,
      keySlot: { ...h.keySlot, kdf: { ...h.keySlot.kdf, algorithm: 'MD5' } },
    }),
    'an absurd iteration count': (h) => ({
      ...h,
      keySlot: { ...h.keySlot, kdf: { ...h.keySlot.kdf, iterations: 1e12 } },
    }),
    'a truncated wrapped key': (h) => ({
      ...h,
      keySlot: {
        ...h.keySlot,
        wrappedKey: { ...h.keySlot.wrappedKey, ciphertext: new Uint8Array(10) },
      },
    }),
    'a malformed vault id': (h) => ({ ...h, vaultId: 'not-hex' }),
    'no key check': (h) => ({ ...h, keyCheck: null }),
    'a string': () => 'header',
  };

  for (const [name, change] of Object.entries(damage)) {
    it(`reports ${name} as vault-header-damaged`, async () => {
      store.contents.header = change(header());
      await expect(vault.unlock(PASSPHRASE)).rejects.toMatchObject({
        code: 'vault-header-damaged',
      });
      await expect(vault.unlockWithSessionKey(new Uint8Array(32))).rejects.toMatchObject({
        code: 'vault-header-damaged',
      });
      expect(await vault.exists()).toBe(true);
      await expect(vault.create(PASSPHRASE, PASSPHRASE)).rejects.toMatchObject({
        code: 'vault-exists',
      });
    });
  }

  it('reports a key check that does not match the key as damage', async () => {
    const h = header();
    h.keyCheck.ciphertext[0]! ^= 1;
    await expect(vault.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'vault-header-damaged' });
    expect(vault.isUnlocked()).toBe(false);
  });

  it('tells a newer format apart from damage', async () => {
    store.contents.header = { ...header(), format: 2 };
    await expect(vault.unlock(PASSPHRASE)).rejects.toMatchObject({
      code: 'vault-format-unsupported',
    });
  });

  it('cannot tell an edited salt from a wrong passphrase, and says the latter', async () => {
    header().keySlot.kdf.salt[0]! ^= 1;
    await expect(vault.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });
});

describe('errors', () => {
  it('turn storage failures into storage-failed', async () => {
    const failing: VaultStore = {
      ...createMemoryVaultStore(),
      readHeader: () => Promise.reject(new Error('disk on fire')),
    };
    await expect(service({ store: failing }).exists()).rejects.toMatchObject({
      code: 'storage-failed',
    });
  });

  it('never carry a passphrase, secret or key', async () => {
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));
    await collect(vault.create(PASSPHRASE, `${PASSPHRASE}!`));
    await collect(vault.create('weakpass', 'weakpass'));
    await vault.create(PASSPHRASE, PASSPHRASE);
    const key = await vault.exportSessionKey();
    await collect(vault.add({ params: totp({ digits: -1 }) }));
    vault.lock();
    await collect(vault.unlock(`${PASSPHRASE}x`));
    await collect(vault.changePassphrase(PASSPHRASE, 'weakpass', 'weakpass'));
    await collect(vault.unlockWithSessionKey(key.slice(1)));
    expect(errors).toHaveLength(6);
    const hex = [...key].map((b) => b.toString(16).padStart(2, '0')).join('');
    for (const error of errors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
      for (const needle of [PASSPHRASE, 'weakpass', totp().secret, hex]) {
        expect(text).not.toContain(needle);
      }
    }
  });
});

/** Replaces a record with one sealed in an older format, as an older Keyfob wrote it. */
async function writeLegacy(id: string, format: 1 | 2, account: string) {
  const keys = createKeyManager({
    store,
    iterations: ITERATIONS,
    now: () => clock,
    onSessionChange() {},
  });
  await keys.unlock(PASSPHRASE);
  const payload = toAccountPayload({ params: totp({ account }), state: 'verified' })!;
  const legacy = { ...record(id), format, version: format === 1 ? 0 : 4 };
  const sealed = await sealPayload(keys.session(), legacy, payload);
  const { version: _none, ...withoutVersion } = { ...legacy, sealed };
  const stored = format === 1 ? withoutVersion : { ...legacy, sealed };
  store.contents.records.set(id, stored);
  return stored;
}

describe('record versions', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  it('an older copy of a record put back over a newer one is damaged, not the account', async () => {
    const { id } = await vault.add({ params: totp({ account: 'alice' }) });
    const oldCopy = structuredClone(record(id));
    await vault.update(id, { params: { account: 'alice (new)' } });
    expect(record(id).version).toBe(oldCopy.version + 1);

    store.contents.records.set(id, oldCopy);
    // Cold cache: the next listing reads the disk again, as after a lock.
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect((await vault.list()).damaged).toEqual([id]);
    await expect(vault.get(id)).rejects.toMatchObject({ code: 'record-damaged' });
    await expect(vault.update(id, { state: 'pending' })).rejects.toMatchObject({
      code: 'record-damaged',
    });
    // Relabelling the old copy as the newer version does not open either.
    store.contents.records.set(id, { ...oldCopy, version: oldCopy.version + 1 });
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect((await vault.list()).damaged).toEqual([id]);
  });

  it('opens records written before versions were bound, and rewrites them with one', async () => {
    const { id } = await vault.add({ params: totp({ account: 'alice' }) });
    const stored = await writeLegacy(id, 1, 'legacy');
    // A vault from before the manifest has none.
    delete store.contents.manifest;

    // A new worker, as after the update that brought record versions.
    vault = service();
    await vault.unlock(PASSPHRASE);
    const { accounts, damaged } = await vault.list();
    expect(damaged).toEqual([]);
    expect(accounts.map((a) => a.params.account)).toEqual(['legacy']);
    expect(record(id)).toMatchObject({ format: 3, version: 1, updatedAt: clock });

    // Once upgraded, the format 1 copy is an old copy.
    store.contents.records.set(id, stored);
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect((await vault.list()).damaged).toEqual([id]);
  });
});

describe('record versions across a worker restart', () => {
  beforeEach(async () => {
    await vault.create(PASSPHRASE, PASSPHRASE);
  });

  /** A new worker on the same disk: nothing of the old one's memory survives. */
  async function restart() {
    vault = service();
    await vault.unlock(PASSPHRASE);
  }

  it('refuses an older copy put back while the worker was stopped, and overwrites nothing', async () => {
    const { id } = await vault.add({ params: totp({ account: 'alice' }) });
    const other = await vault.add({ params: totp({ account: 'bob' }) });
    const oldCopy = structuredClone(record(id));
    await vault.update(id, { params: { account: 'alice (new)' } });

    // The worker stops; an old copy is put back; a new worker starts.
    store.contents.records.set(id, oldCopy);
    const before = disk();
    await restart();
    const listing = await vault.list();
    expect(listing.damaged).toEqual([id]);
    expect(listing.accounts.map((a) => a.id)).toEqual([other.id]);
    await expect(vault.get(id)).rejects.toMatchObject({ code: 'record-damaged' });
    await expect(vault.update(id, { state: 'pending' })).rejects.toMatchObject({
      code: 'record-damaged',
    });
    expect(disk()).toEqual(before);
    // A cold read of the one record, as the fill handlers do, refuses it too.
    await restart();
    await expect(vault.get(id)).rejects.toMatchObject({ code: 'record-damaged' });
  });

  it('keeps edits, adds, deletes and passphrase changes across restarts', async () => {
    const a = await vault.add({ params: totp({ account: 'a' }) });
    const b = await vault.add({ params: totp({ account: 'b' }) });
    await restart();
    await vault.update(a.id, { params: { account: 'a2' } });
    await vault.update(a.id, { params: { account: 'a3' } });
    await vault.remove(b.id);
    await restart();
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE);
    vault = service();
    await vault.unlock(OTHER_PASSPHRASE);
    const c = await vault.add({ params: totp({ account: 'c' }) });
    // Unlocking under a raised iteration count re-wraps the key; the manifest still opens.
    vault = service({ iterations: ITERATIONS * 2 });
    await vault.unlock(OTHER_PASSPHRASE);
    const listing = await vault.list();
    expect(listing.damaged).toEqual([]);
    expect(listing.accounts.map((x) => [x.id, x.params.account])).toEqual([
      [a.id, 'a3'],
      [c.id, 'c'],
    ]);
  });

  it('refuses a copy of a deleted record put back', async () => {
    const { id } = await vault.add({ params: totp({ account: 'gone' }) });
    const copy = structuredClone(record(id));
    await vault.remove(id);
    store.contents.records.set(id, copy);
    await restart();
    expect(await vault.list()).toEqual({ accounts: [], damaged: [id] });
    // Deleting the put-back copy is still how a person gets rid of it.
    await vault.remove(id);
    expect(await vault.list()).toEqual({ accounts: [], damaged: [] });
  });

  it('restores a deleted record exactly as it was, once, through restore only', async () => {
    const { id } = await vault.add({ params: totp({ account: 'undo me' }) });
    const oldCopy = structuredClone(record(id));
    const edited = await vault.update(id, { params: { account: 'undo me (edited)' } });
    const removed = await vault.remove(id);
    expect(removed).toEqual(record(id) ?? removed);
    expect(store.contents.records.has(id)).toBe(false);

    // An older copy of the deleted record is not restorable.
    await expect(vault.restore(oldCopy)).rejects.toMatchObject({ code: 'record-damaged' });
    expect(store.contents.records.has(id)).toBe(false);

    await restart();
    expect(await vault.restore(removed!)).toEqual(edited);
    expect(await vault.list()).toEqual({ accounts: [edited], damaged: [] });
    // Restoring twice, or over a live record, writes nothing.
    await expect(vault.restore(removed!)).rejects.toMatchObject({ code: 'record-damaged' });
    await restart();
    expect(await vault.list()).toEqual({ accounts: [edited], damaged: [] });
    // The restored record edits on as usual.
    await vault.update(id, { state: 'pending' });
    await restart();
    expect(await vault.get(id)).toMatchObject({ state: 'pending' });
  });

  it('restores nothing that did not come from this vault', async () => {
    const { id } = await vault.add({ params: totp() });
    const removed = (await vault.remove(id))!;
    const forged = { ...removed, sealed: { ...removed.sealed, iv: new Uint8Array(12) } };
    await expect(vault.restore(forged)).rejects.toMatchObject({ code: 'record-damaged' });
    expect(store.contents.records.size).toBe(0);
  });

  it('builds the manifest at the first unlock of a vault from before it', async () => {
    const a = await vault.add({ params: totp({ account: 'a' }) });
    const b = await vault.add({ params: totp({ account: 'b' }) });
    // Both as an older Keyfob wrote them, and no manifest.
    await writeLegacy(a.id, 2, 'a');
    const oldB = await writeLegacy(b.id, 2, 'b (format 2)');
    delete store.contents.manifest;

    await restart();
    expect((await vault.list()).accounts.map((x) => x.params.account)).toEqual([
      'a',
      'b (format 2)',
    ]);
    expect(store.contents.manifest).toBeDefined();
    expect(record(b.id).format).toBe(3);
    const oldA = structuredClone(record(a.id));
    await vault.update(a.id, { params: { account: 'a2' } });

    // An old copy of either record is refused by the next worker.
    store.contents.records.set(a.id, oldA);
    store.contents.records.set(b.id, oldB);
    await restart();
    expect(new Set((await vault.list()).damaged)).toEqual(new Set([a.id, b.id]));
  });

  it('does not rebuild a manifest that was deleted: without it nothing is vouched for', async () => {
    const a = await vault.add({ params: totp() });
    const oldCopy = structuredClone(record(a.id));
    await vault.update(a.id, { state: 'pending' });
    store.contents.records.set(a.id, oldCopy);
    delete store.contents.manifest;
    await restart();
    expect((await vault.list()).damaged).toEqual([a.id]);
    // The vault goes on working for new accounts.
    const b = await vault.add({ params: totp({ account: 'b' }) });
    await restart();
    expect(await vault.list()).toEqual({ accounts: [b], damaged: [a.id] });
  });

  it('refuses every record under a damaged manifest, keeping them', async () => {
    const a = await vault.add({ params: totp() });
    const stored = store.contents.manifest as { sealed: { ciphertext: Uint8Array } };
    stored.sealed.ciphertext[0]! ^= 1;
    const before = disk();
    await restart();
    expect((await vault.list()).damaged).toEqual([a.id]);
    expect(disk()).toEqual(before);
  });

  it('lets concurrent writes of one worker all land, each in the manifest', async () => {
    const a = await vault.add({ params: totp({ account: 'a' }) });
    const added = await Promise.all(
      ['b', 'c', 'd'].map((account) => vault.add({ params: totp({ account }) })),
    );
    await Promise.all([
      vault.update(a.id, { state: 'pending' }),
      vault.update(a.id, { params: { issuer: 'X' } }),
      vault.remove(added[0]!.id),
    ]);
    await restart();
    const listing = await vault.list();
    expect(listing.damaged).toEqual([]);
    // Concurrent adds may share an order; only which accounts are there matters here.
    expect(listing.accounts.map((x) => x.params.account).sort()).toEqual(['a', 'c', 'd']);
    expect(listing.accounts.find((x) => x.id === a.id)).toMatchObject({
      state: 'pending',
      params: { issuer: 'X' },
    });
  });

  it('lets two workers on one disk write in turn: the second reads the manifest again', async () => {
    const a = await vault.add({ params: totp({ account: 'a' }) });
    const first = vault;
    await restart();
    const second = vault;
    await second.update(a.id, { params: { account: 'a2' } });
    await first.update(a.id, { state: 'pending' });
    await first.add({ params: totp({ account: 'b' }) });
    await restart();
    const listing = await vault.list();
    expect(listing.damaged).toEqual([]);
    expect(listing.accounts.map((x) => [x.params.account, x.state])).toEqual([
      ['a2', 'pending'],
      ['b', 'verified'],
    ]);
  });
});
