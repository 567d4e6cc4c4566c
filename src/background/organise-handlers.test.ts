import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startTestBackground } from '../../test/support/ui/background';
import type { AccountId } from '../shared';
import { createMemoryVaultStore } from '../vault';
import { createBackground } from './background';
import { loadShippedCatalogue } from '../../test/support/catalogues';

/*
 * Pin, move, last use and Undo of a delete, through the real background (message server,
 * sender policy, vault) as the popup uses them.
 */

const names = (accounts: { account: string }[]) => accounts.map((a) => a.account);

describe('organising accounts', () => {
  it('pins, moves and notes the last copy, and lists each', async () => {
    const fake = await startTestBackground({
      accounts: [{ account: 'a' }, { account: 'b' }, { account: 'c' }],
    });
    const [a, b, c] = fake.ids as [AccountId, AccountId, AccountId];
    expect(await fake.send('pinAccount', { id: b, pinned: true })).toMatchObject({ pinned: true });
    const moved = await fake.send('moveAccount', { id: c, order: -1 });
    expect(moved.order).toBe(-1);
    await fake.send('codeCopied', { id: a, code: '000000' });

    const { accounts } = await fake.send('listCodes', {});
    expect(names(accounts)).toEqual(['c', 'a', 'b']);
    expect(accounts.find((x) => x.id === b)).toMatchObject({ pinned: true });
    expect(accounts.find((x) => x.id === a)?.usedAtMs).toEqual(expect.any(Number));
    expect(accounts.find((x) => x.id === c)).not.toHaveProperty('usedAtMs');
    // On disk, sealed with the account.
    expect(await fake.account(b)).toMatchObject({ pinned: true });
    await expect(fake.send('moveAccount', { id: a, order: Number.NaN })).rejects.toMatchObject({
      code: 'account-invalid',
    });
  });

  it('undoes a delete with the same account, until the vault locks', async () => {
    const fake = await startTestBackground({ accounts: [{ account: 'a' }, { account: 'b' }] });
    const [a, b] = fake.ids as [AccountId, AccountId];
    await fake.send('pinAccount', { id: a, pinned: true });
    const before = await fake.account(a);

    await fake.send('deleteAccount', { id: a });
    expect(names((await fake.send('listCodes', {})).accounts)).toEqual(['b']);
    const restored = await fake.send('restoreAccount', { id: a });
    expect(restored).toMatchObject({ id: a, account: 'a', pinned: true });
    expect(await fake.account(a)).toEqual(before);
    await expect(fake.send('restoreAccount', { id: a })).rejects.toMatchObject({
      code: 'undo-expired',
    });

    await fake.send('deleteAccount', { id: b });
    await fake.send('lockVault', {});
    await fake.send('unlockVault', { passphrase: 'correct horse battery' });
    await expect(fake.send('restoreAccount', { id: b })).rejects.toMatchObject({
      code: 'undo-expired',
    });
    expect(names((await fake.send('listCodes', {})).accounts)).toEqual(['a']);
  });

  it("notes the last copy by the background's own clock", async () => {
    // An hour ahead of Date.now: a note taken with Date.now would land an hour early.
    const skew = 3_600_000;
    const fake = await startTestBackground({ accounts: [{ account: 'a' }], clockSkewMs: skew });
    const [a] = fake.ids as [AccountId];
    const before = Date.now() + skew;
    await fake.send('codeCopied', { id: a, code: '000000' });
    const { usedAt } = (await fake.account(a)) as { usedAt?: number };
    expect(usedAt).toBeGreaterThanOrEqual(before);
    expect(usedAt).toBeLessThanOrEqual(Date.now() + skew);
  });

  it('keeps the sort choice as a setting and refuses unknown ones', async () => {
    const fake = await startTestBackground();
    expect(await fake.send('getSettings', {})).toMatchObject({ accountSort: 'manual' });
    await fake.send('updateSettings', { accountSort: 'recent' });
    expect(await fake.send('getSettings', {})).toMatchObject({ accountSort: 'recent' });
    await expect(
      fake.send('updateSettings', { accountSort: 'random' as 'name' }),
    ).rejects.toMatchObject({ code: 'settings-invalid' });
  });

  it('answers these verbs to extension pages only', async () => {
    fakeBrowser.reset();
    const bg = createBackground({
      loadCatalogue: loadShippedCatalogue,
      session: fakeBrowser.storage.session,
      local: fakeBrowser.storage.local,
      alarms: fakeBrowser.alarms,
      openStore: async () => createMemoryVaultStore(),
      tabs: {} as never,
      decodeQr: async () => null,
      decodeQrImage: async () => [],
      ours: { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' },
      now: Date.now,
      iterations: 1000,
    });
    const page = { id: 'keyfob-id', url: 'https://site.example/', tab: { id: 9 } };
    for (const name of ['restoreAccount', 'pinAccount', 'moveAccount']) {
      const reply = await bg.handleMessage({ keyfob: 1, name, data: { id: 'x' } }, page);
      expect(reply).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
    }
  });
});
