import { fakeBrowser } from 'wxt/testing/fake-browser';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createMemoryVaultStore } from '../vault';
import type { VaultStore } from '../vault';
import { generateCode } from '../otp';
import type { Reply } from '../messaging/protocol';
import { createBackground } from './background';
import { AUTO_LOCK_ALARM } from './auto-lock';
import { FREE_ATTEMPTS } from './passphrase-guard';
import { loadShippedCatalogue } from '../../test/support/catalogues';

const ours = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const popup = { id: 'keyfob-id', url: 'chrome-extension://keyfob-id/popup.html' };
const contentScript = { id: 'keyfob-id', url: 'https://site.example/', tab: { id: 9 } };
const PASS = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;

let clock = Date.UTC(2026, 10, 23, 12, 0, 10);
const fakeTabs = {
  activeTab: vi.fn(async () => null),
  sendToTopFrame: vi.fn(async () => ({ done: true })),
  loadHelper: vi.fn(async () => {}),
  injectContentScripts: vi.fn(async () => {}),
  setBadge: vi.fn(async () => {}),
  captureVisibleTab: vi.fn(async () => 'data:image/png;base64,'),
};
const now = () => clock;

/** A "worker": a fresh background over the same storage, as after the browser stops it. */
function startWorker(store: VaultStore) {
  const bg = createBackground({
    loadCatalogue: loadShippedCatalogue,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    alarms: fakeBrowser.alarms,
    openStore: async () => store,
    tabs: fakeTabs,
    decodeQr: async () => null,
    decodeQrImage: async () => [],
    ours,
    now,
    iterations: 1000,
  });
  const send = async (name: string, data: object = {}, sender: object = popup) =>
    bg.handleMessage({ keyfob: 1, name, data }, sender) as Promise<Reply<never>>;
  return { bg, send };
}

async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

beforeEach(() => {
  fakeBrowser.reset();
  // Back to the implementations given to vi.fn, and no calls.
  for (const fn of Object.values(fakeTabs)) fn.mockReset();
  clock = Date.UTC(2026, 10, 23, 12, 0, 10);
});

describe('background', () => {
  it('lists a Steam Guard account with its 5-character code and countdown', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const uri = `otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam&encoder=steam`;
    await value(send('addAccountFromUri', { uri }));
    const { accounts } = await value<{ accounts: Record<string, unknown>[] }>(send('listCodes'));
    expect(accounts[0]).toMatchObject({ type: 'steam', digits: 5, period: 30 });
    expect(accounts[0]!.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(accounts[0]!.validUntilMs).toBe((Math.floor(clock / 30_000) + 1) * 30_000);
  });

  it('creates a vault, adds an account and lists codes without ever sending the secret', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const added = await value<{ code: string }>(send('addAccountFromUri', { uri: URI }));
    const listing = await value<{ accounts: { code: string; issuer: string }[] }>(
      send('listCodes'),
    );
    const expected = await generateCode(
      {
        type: 'totp',
        secret: SECRET,
        account: 'alice@example.com',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
      clock,
    );
    expect(listing.accounts).toHaveLength(1);
    expect(listing.accounts[0]).toMatchObject({ issuer: 'Example', code: expected });
    expect(added.code).toBe(expected);
    const wire = JSON.stringify([added, listing]);
    expect(wire).not.toContain(SECRET);
    expect(wire.toLowerCase()).not.toContain(SECRET.toLowerCase());
  });

  it('refuses vault requests from content scripts', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    for (const name of ['listCodes', 'unlockVault', 'addAccountFromUri', 'getVaultState']) {
      expect(await send(name, {}, contentScript)).toMatchObject({
        ok: false,
        error: { code: 'sender-refused' },
      });
    }
  });

  it('stays unlocked across a worker restart, through storage.session only', async () => {
    const store = createMemoryVaultStore();
    const first = startWorker(store);
    await value(first.send('createVault', { passphrase: PASS, confirmation: PASS }));
    await value(first.send('addAccountFromUri', { uri: URI }));

    const second = startWorker(store);
    const state = await value<{ unlocked: boolean }>(second.send('getVaultState'));
    expect(state.unlocked).toBe(true);
    expect((await value<{ accounts: unknown[] }>(second.send('listCodes'))).accounts).toHaveLength(
      1,
    );
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toMatch(/vaultSessionKey/);
  });

  it('is locked in a new browser session (storage.session emptied)', async () => {
    const store = createMemoryVaultStore();
    await value(startWorker(store).send('createVault', { passphrase: PASS, confirmation: PASS }));
    await fakeBrowser.storage.session.clear();
    const { send } = startWorker(store);
    expect(await value<{ unlocked: boolean }>(send('getVaultState'))).toMatchObject({
      exists: true,
      unlocked: false,
    });
    expect(await send('listCodes')).toMatchObject({ ok: false, error: { code: 'vault-locked' } });
  });

  it('lock forgets the parked key; a wrong passphrase keeps it locked and the data intact', async () => {
    const store = createMemoryVaultStore();
    const { send } = startWorker(store);
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    await value(send('addAccountFromUri', { uri: URI }));
    await value(send('lockVault'));
    expect(await fakeBrowser.storage.session.get()).toEqual({});

    const wrong = await send('unlockVault', { passphrase: 'not the passphrase at all' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await value(send('unlockVault', { passphrase: PASS }));
    expect((await value<{ accounts: unknown[] }>(send('listCodes'))).accounts).toHaveLength(1);
  });

  it('auto-locks after the idle period: the deadline is checked on the next request', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    await value(send('updateSettings', { autoLockMinutes: 5 }));
    clock += 4 * 60_000;
    await value(send('listCodes'));
    clock += 4 * 60_000; // activity above postponed the deadline
    expect(await send('listCodes')).toMatchObject({ ok: true });
    clock += 5 * 60_000 + 1;
    expect(await send('listCodes')).toMatchObject({ ok: false, error: { code: 'vault-locked' } });
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('answers the popup’s opening request without waiting for the new deadline to be stored', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    await value(send('addAccountFromUri', { uri: URI }));
    // Storage that never answers a deadline write: the popup's answer must not wait on it.
    const store = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation((items) =>
      'autoLockDeadline' in items ? new Promise<void>(() => {}) : store(items),
    );
    clock += 20 * 60_000;
    // Before, this waited for the write for good (the test timed out).
    expect(await send('getVaultState', { withCodes: true })).toMatchObject({
      ok: true,
      value: { unlocked: true, listing: { accounts: [{ issuer: 'Example' }] } },
    });
    // The activity still counts: 20 more minutes are within the new half hour.
    clock += 20 * 60_000;
    expect(await send('listCodes')).toMatchObject({ ok: true });
  });

  it('does not count the popup’s timed refresh as activity', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    for (let i = 0; i < 70; i++) {
      clock += 30_000;
      await send('listCodes', { refresh: true });
    }
    expect(await value<{ unlocked: boolean }>(send('getVaultState'))).toMatchObject({
      unlocked: false,
    });
  });

  it('auto-lock alarm locks an idle vault nobody is asking about', async () => {
    const { bg, send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBe(clock + 30 * 60_000);
    clock += 30 * 60_000;
    await bg.handleAlarm(AUTO_LOCK_ALARM);
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('a restarted worker past the deadline comes up locked', async () => {
    const store = createMemoryVaultStore();
    await value(startWorker(store).send('createVault', { passphrase: PASS, confirmation: PASS }));
    clock += 31 * 60_000;
    const { send } = startWorker(store);
    expect(await value<{ unlocked: boolean }>(send('getVaultState'))).toMatchObject({
      unlocked: false,
    });
  });

  it('refuses a duplicate secret and keeps the input errors readable', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    await value(send('addAccountFromUri', { uri: URI }));
    expect(
      await send('addAccount', { account: 'bob', secret: SECRET.toLowerCase() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'account-duplicate' },
    });
    const bad = await send('addAccountFromUri', { uri: 'otpauth://totp/x?secret=JBSWY3DP!' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'secret-invalid' } });
    expect(JSON.stringify(bad)).not.toContain('JBSWY3DP');
  });

  it('edits names with the same rules as new accounts, and advances HOTP counters', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const totp = await value<{ id: string }>(send('addAccountFromUri', { uri: URI }));
    const edited = await value<{ issuer?: string; account: string }>(
      send('updateAccount', { id: totp.id, issuer: '', account: 'alice@work.example' }),
    );
    expect(edited.issuer).toBeUndefined();
    expect(edited.account).toBe('alice@work.example');
    expect(await send('updateAccount', { id: totp.id, account: '' })).toMatchObject({ ok: false });

    const hotp = await value<{ id: string; code: string }>(
      send('addAccount', {
        account: 'counter',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        type: 'hotp',
      }),
    );
    expect(hotp.code).toBe('755224'); // RFC 4226 appendix D, count 0
    const next = await value<{ code: string }>(send('nextHotpCode', { id: hotp.id }));
    expect(next.code).toBe('287082'); // count 1
  });

  it('loads the helper into the asking tab’s top frame only, for a content script only', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    expect(await send('loadPageHelper', {}, contentScript)).toEqual({
      ok: true,
      value: { loaded: true },
    });
    expect(fakeTabs.loadHelper).toHaveBeenCalledWith(9);

    fakeTabs.loadHelper.mockClear();
    for (const sender of [{ ...contentScript, frameId: 3 }, popup]) {
      expect(await send('loadPageHelper', {}, sender)).toMatchObject({
        ok: false,
        error: { code: 'sender-refused' },
      });
    }
    expect(fakeTabs.loadHelper).not.toHaveBeenCalled();

    // A sent form wakes the worker ahead of the next page; nothing to say, to top frames only.
    expect(await send('warmUp', {}, contentScript)).toEqual({ ok: true, value: {} });
    expect(await send('warmUp', {}, { ...contentScript, frameId: 3 })).toMatchObject({
      ok: false,
      error: { code: 'sender-refused' },
    });

    // No host permission for the tab: the bridge hears a failure and may ask again later.
    fakeTabs.loadHelper.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    expect(await send('loadPageHelper', {}, contentScript)).toMatchObject({ ok: false });
  });

  it('"Enroll on this page" loads the helper first, and injects all three scripts where none run', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    fakeTabs.activeTab.mockResolvedValue({ id: 4, url: 'https://app.example/mfa' } as never);
    const order: string[] = [];
    fakeTabs.loadHelper.mockImplementation(async () => void order.push('loadHelper'));
    fakeTabs.injectContentScripts.mockImplementation(async () => void order.push('inject'));
    fakeTabs.sendToTopFrame.mockImplementation(async () => {
      order.push('send');
      return { done: true };
    });

    await value(send('enrollActiveTab'));
    expect(order).toEqual(['loadHelper', 'send']);
    expect(fakeTabs.sendToTopFrame).toHaveBeenCalledWith(4, { keyfob: 1, command: 'scanForSetup' });

    // A site without the bridge: the helper cannot start, the command finds nobody.
    order.length = 0;
    fakeTabs.sendToTopFrame.mockImplementationOnce(async () => {
      order.push('send');
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await value(send('enrollActiveTab'));
    expect(order).toEqual(['loadHelper', 'send', 'inject', 'send']);
  });

  it('a pending account the person removed stays removed while its setup screen reports again', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const site = { ...contentScript, url: 'https://app.example/mfa' };
    const report = { secret: SECRET, hints: { account: 'alice' } };
    const listed = async () =>
      (await value<{ accounts: { id: string; status: string }[] }>(send('listCodes'))).accounts;

    expect(await value(send('reportSetupScreen', report, site))).toMatchObject({ action: 'fill' });
    const [pending] = await listed();
    expect(pending).toMatchObject({ status: 'pending' });
    await value(send('deleteAccount', { id: pending!.id }));

    // The screen is still open: its QR image rendering late reports the same secret again.
    expect(await value(send('reportSetupScreen', report, site))).toMatchObject({
      action: 'ignore',
    });
    expect(await listed()).toEqual([]);

    // The person's own "Enroll on this page" sets it up again.
    fakeTabs.activeTab.mockResolvedValue({ id: 9, url: 'https://app.example/mfa' } as never);
    await value(send('enrollActiveTab'));
    expect(await value(send('reportSetupScreen', report, site))).toMatchObject({ action: 'fill' });
    expect(await listed()).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('explains a refused setup in the popup, in Keyfob’s language, and gives the page no words', async () => {
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    const { bg, send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const site = { ...contentScript, url: 'https://app.example/mfa' };
    await value(send('reportSetupScreen', { secret: SECRET, hints: {} }, site));
    const expired = { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } };
    expect(await value(send('reportVerifyOutcome', expired, site))).toEqual({ action: 'explain' });
    const notices = async () =>
      (await value<{ notices: { message: string }[] }>(send('listCodes'))).notices.map(
        (notice) => notice.message,
      );
    expect(await notices()).toEqual([de.noticeSessionExpired.message]);
    // Chosen afterwards on the options page: the notice already there follows.
    await fakeBrowser.storage.local.set({ uiLanguage: 'en' });
    await bg.handleLanguageChange();
    expect(await notices()).toEqual([en.noticeSessionExpired.message]);
  });

  it('slows down wrong passphrases for unlock and for the passphrase asked again', async () => {
    const { send } = startWorker(createMemoryVaultStore());
    await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
    const added = await value<{ id: string }>(send('addAccountFromUri', { uri: URI }));
    const errorCode = async (reply: Promise<Reply<unknown>>) => {
      const r = await reply;
      return r.ok ? 'ok' : r.error.code;
    };
    for (let i = 0; i < FREE_ATTEMPTS; i += 1) {
      expect(await errorCode(send('revealAccount', { id: added.id, passphrase: 'guess' }))).toBe(
        'wrong-passphrase',
      );
    }
    await value(send('lockVault'));
    expect(await errorCode(send('unlockVault', { passphrase: PASS }))).toBe('passphrase-throttled');

    // A restarted worker still counts; once the wait is over the right passphrase opens it.
    const restarted = startWorker(createMemoryVaultStore());
    expect(await errorCode(restarted.send('unlockVault', { passphrase: PASS }))).toBe(
      'passphrase-throttled',
    );
    clock += 5_000;
    expect(await errorCode(send('unlockVault', { passphrase: PASS }))).toBe('ok');
  });

  it('clears a copied code when it expires only with the setting on, and only a real code', async () => {
    const cleared: string[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const bg = createBackground({
        loadCatalogue: loadShippedCatalogue,
        session: fakeBrowser.storage.session,
        local: fakeBrowser.storage.local,
        alarms: fakeBrowser.alarms,
        openStore: async () => createMemoryVaultStore(),
        tabs: fakeTabs,
        decodeQr: async () => null,
        decodeQrImage: async () => [],
        ours,
        now,
        iterations: 1000,
        clipboard: { clearIfHolds: async (text) => void cleared.push(text) },
      });
      const send = async (name: string, data: object = {}) =>
        bg.handleMessage({ keyfob: 1, name, data }, popup) as Promise<Reply<never>>;
      await value(send('createVault', { passphrase: PASS, confirmation: PASS }));
      const { id, code } = await value<{ id: string; code: string }>(
        send('addAccountFromUri', { uri: URI }),
      );

      expect(await value(send('codeCopied', { id, code }))).toEqual({ clearAtMs: null });
      await value(send('updateSettings', { clearClipboard: true }));
      expect(await value(send('codeCopied', { id, code: 'not a code' }))).toEqual({
        clearAtMs: null,
      });
      // 10 s into the step: cleared 20 s later.
      expect(await value(send('codeCopied', { id, code }))).toEqual({ clearAtMs: clock + 20_000 });
      await vi.advanceTimersByTimeAsync(19_999);
      expect(cleared).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(cleared).toEqual([code]);
    } finally {
      vi.useRealTimers();
    }
  });
});
