import type { OtpParams } from '../otp/types';
import { createMemoryVaultStore, type MemoryVaultStore } from './memory-vault-store';
import type { AccountRecord } from './records';
import { UNDO_KEEP_MS, type VaultService } from './service-contract';
import { createVaultService } from './vault-service';

/*
 * Pins, last use, display order and Undo of a delete: what the popup's "organise" features
 * store in the vault.
 */

const PASSPHRASE = 'correct horse battery staple';

const params = (account: string): OtpParams => ({
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  account,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

let store: MemoryVaultStore;
let clock: number;
let vault: VaultService;

const record = (id: string) => store.contents.records.get(id) as AccountRecord;
const service = () => createVaultService({ store, iterations: 1_000, now: () => clock });

beforeEach(async () => {
  store = createMemoryVaultStore();
  clock = 1_700_000_000_000;
  vault = service();
  await vault.create(PASSPHRASE, PASSPHRASE);
});

describe('pin, last use and order', () => {
  it('seals pinned and last use, and keeps them across a fresh worker', async () => {
    const a = await vault.add({ params: params('alice') });
    expect(a).toMatchObject({ pinned: false });
    expect(a).not.toHaveProperty('usedAt');
    const sealedBefore = record(a.id).sealed.ciphertext;

    await vault.update(a.id, { pinned: true, usedAt: clock - 5 });
    // Not in the record's clear fields: inside the (re-sealed) ciphertext.
    expect(Object.keys(record(a.id)).sort()).toEqual(
      ['createdAt', 'format', 'id', 'order', 'sealed', 'updatedAt', 'version'].sort(),
    );
    expect(record(a.id).sealed.ciphertext).not.toEqual(sealedBefore);

    vault = service();
    await vault.unlock(PASSPHRASE);
    expect(await vault.get(a.id)).toMatchObject({ pinned: true, usedAt: clock - 5 });
    await vault.update(a.id, { pinned: false });
    expect(await vault.get(a.id)).toMatchObject({ pinned: false, usedAt: clock - 5 });
  });

  it('moves an account to a new order and lists by it', async () => {
    const [a, b, c] = await vault.addAccounts(['a', 'b', 'c'].map((n) => ({ params: params(n) })));
    await vault.update(c!.id, { order: (a!.order + b!.order) / 2 });
    const names = (await vault.list()).accounts.map((x) => x.params.account);
    expect(names).toEqual(['a', 'c', 'b']);
    expect(record(c!.id).order).toBe(0.5);
    await expect(vault.update(a!.id, { order: Number.NaN })).rejects.toMatchObject({
      code: 'account-invalid',
    });
  });
});

describe('undo of a delete', () => {
  it('puts back the very record that was deleted, and it stays current', async () => {
    const a = await vault.add({ params: params('alice') });
    await vault.update(a.id, { pinned: true });
    const before = structuredClone(record(a.id));

    await vault.remove(a.id);
    expect(store.contents.records.has(a.id)).toBe(false);
    const restored = await vault.undoRemove(a.id);

    expect(record(a.id)).toEqual(before);
    expect(restored).toMatchObject({ id: a.id, pinned: true, order: before.order });
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual([a.id]);
    // The version check accepts it, in this worker and a fresh one, and later writes go on.
    await vault.update(a.id, { usedAt: clock });
    expect(record(a.id).version).toBe(before.version + 1);
    vault = service();
    await vault.unlock(PASSPHRASE);
    expect((await vault.list()).damaged).toEqual([]);
  });

  it('restores once, only while kept, and not after the vault locked', async () => {
    const [a, b, c] = await vault.addAccounts(['a', 'b', 'c'].map((n) => ({ params: params(n) })));
    await vault.remove(a!.id);
    await vault.undoRemove(a!.id);
    await expect(vault.undoRemove(a!.id)).rejects.toMatchObject({ code: 'undo-expired' });

    await vault.remove(b!.id);
    clock += UNDO_KEEP_MS + 1;
    await expect(vault.undoRemove(b!.id)).rejects.toMatchObject({ code: 'undo-expired' });

    await vault.remove(c!.id);
    vault.lock();
    await expect(vault.undoRemove(c!.id)).rejects.toMatchObject({ code: 'vault-locked' });
    await vault.unlock(PASSPHRASE);
    await expect(vault.undoRemove(c!.id)).rejects.toMatchObject({ code: 'undo-expired' });
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual([a!.id]);
  });

  it('does not bring back an old copy that was on disk when it was deleted', async () => {
    const a = await vault.add({ params: params('alice') });
    const oldCopy = structuredClone(record(a.id));
    await vault.update(a.id, { pinned: true });
    // An older copy put back on disk behind the vault's back, then deleted: Undo must not
    // make the rolled-back record the account again.
    store.contents.records.set(a.id, oldCopy);
    await vault.remove(a.id);
    await expect(vault.undoRemove(a.id)).rejects.toMatchObject({ code: 'record-damaged' });
    expect(store.contents.records.has(a.id)).toBe(false);
  });
});
