import { fakeBrowser } from 'wxt/testing/fake-browser';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { ContentCommand } from '../messaging/content-protocol';
import type { Reply } from '../messaging/protocol';
import type { AccountId } from '../shared';
import { createMemoryVaultStore } from '../vault';
import {
  PASSPHRASE,
  TEST_ITERATIONS,
  seedVault,
  type SeedAccount,
} from '../../test/support/ui/seed-vault';
import { formatMessage } from '../shared/i18n';
import { createBackground } from './background';
import { loadShippedCatalogue } from '../../test/support/catalogues';

// Sign-in fill through the real background (message server, sender checks, vault, settings):
// only the browser's tabs are a stand-in, which records what would go into the page.

const OURS = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const POPUP = { id: OURS.id, url: `${OURS.origin}/popup.html` };
const SITE = 'https://app.example.com';
const TAB_ID = 7;

let clock: number;
let tabUrl: string;
let pageReply: unknown;
let sent: ContentCommand[];
let badges: [number, string, string | undefined][];

function tabsStandIn() {
  return {
    activeTab: async () => ({ id: TAB_ID, url: tabUrl }),
    sendToTopFrame: async (_tabId: number, command: ContentCommand) => {
      sent.push(command);
      return pageReply;
    },
    loadHelper: async () => {},
    injectContentScripts: async () => {},
    setBadge: async (tabId: number, text: string, title?: string) => {
      badges.push([tabId, text, title]);
    },
    captureVisibleTab: async () => 'data:image/png;base64,',
  };
}

/**
 * `autoFill`: turn automatic fill on, as the person does, for the origin of every verified
 * account (the background refuses it where only a pending one is bound).
 */
async function start(accounts: SeedAccount[], autoFill = false) {
  const store = createMemoryVaultStore();
  const { ids } = await seedVault(store, accounts, 0);
  const background = createBackground({
    loadCatalogue: loadShippedCatalogue,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    alarms: fakeBrowser.alarms,
    openStore: async () => store,
    tabs: tabsStandIn(),
    decodeQr: async () => null,
    decodeQrImage: async () => [],
    ours: OURS,
    now: () => clock,
    // Waiting moves the clock on, as waiting would.
    sleep: async (ms) => void (clock += ms),
    iterations: TEST_ITERATIONS,
  });
  const send = <T>(name: string, data: object = {}, sender: object = POPUP) =>
    background.handleMessage({ keyfob: 1, name, data }, sender) as Promise<Reply<T>>;
  const value = async <T>(name: string, data: object = {}): Promise<T> => {
    const reply = await send<T>(name, data);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  };
  await value('unlockVault', { passphrase: PASSPHRASE });
  if (autoFill) {
    const bound = accounts.filter((a) => a.origin && (a.state ?? 'verified') === 'verified');
    for (const origin of new Set(bound.map((a) => a.origin!))) {
      await value('setAutoFill', { origin, on: true });
    }
  }
  /** The current code of an account, as the popup lists it. */
  const codeOf = async (id: AccountId) => {
    const { accounts: listed } = await value<{ accounts: { id: string; code: string }[] }>(
      'listCodes',
    );
    return listed.find((account) => account.id === id)!.code;
  };
  /** Automatic fill: the content script in the tab's top frame (or `frameId`) asks. */
  const requestAutoFill = async (frameId = 0) => {
    const page = { id: OURS.id, url: `${tabUrl}`, tab: { id: TAB_ID }, frameId };
    return send<{ code: string | null }>('requestSignInCode', {}, page);
  };
  return { ids, send, value, codeOf, autoFill: requestAutoFill, background };
}

const fillCommands = () => sent.filter((command) => command.command === 'fillCode');

type Started = Awaited<ReturnType<typeof start>>;

/** On the tab at `url`, the popup's Fill of `id`, the keyboard command and automatic fill get nothing. */
async function expectNoFillOn(bg: Started, url: string, id: string): Promise<void> {
  tabUrl = url;
  expect(await bg.send('fillActiveTab', { id })).toMatchObject({
    ok: false,
    error: { code: 'origin-mismatch' },
  });
  expect(await bg.background.handleFillGesture({ id: TAB_ID, url })).toBe('refused');
  expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
}

beforeEach(() => {
  fakeBrowser.reset();
  // Ten seconds into a 30-second step: the code has plenty of life left.
  clock = Date.UTC(2026, 10, 23, 12, 0, 10);
  tabUrl = `${SITE}/login`;
  pageReply = { done: true };
  sent = [];
  badges = [];
});

describe('sign-in fill through the real background', () => {
  it('fills the popup’s account into the top frame of its exact origin, and says so', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    const code = await bg.codeOf(bg.ids[0]!);
    expect(await bg.send('fillActiveTab', { id: bg.ids[0] })).toEqual({
      ok: true,
      value: { filled: true },
    });
    expect(fillCommands()).toEqual([
      { keyfob: 1, command: 'fillCode', code, expectedOrigin: SITE },
    ]);
  });

  it.each([
    ['another host', 'https://evil.example/login'],
    ['a subdomain', 'https://login.app.example.com/login'],
    ['another port', 'https://app.example.com:8443/login'],
    ['http instead of https', 'http://app.example.com/login'],
  ])('fills nothing on %s, by gesture or automatically', async (_, url) => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }], true);
    await expectNoFillOn(bg, url, bg.ids[0]!);
    expect(fillCommands()).toEqual([]);
  });

  it('gives an automatic fill a code only where the person turned it on', async () => {
    const off = await start([{ account: 'alice', state: 'verified', origin: SITE }], false);
    expect(await off.autoFill()).toEqual({ ok: true, value: { code: null } });

    const on = await start([{ account: 'alice', state: 'verified', origin: SITE }], true);
    expect(await on.autoFill()).toEqual({
      ok: true,
      value: { code: await on.codeOf(on.ids[0]!) },
    });
    // Never to a frame inside the page.
    expect(await on.autoFill(3)).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
  });

  it('never fills a pending account', async () => {
    const bg = await start([{ account: 'alice', state: 'pending', origin: SITE }], true);
    expect(await bg.send('fillActiveTab', { id: bg.ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'account-pending' },
    });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('refused');
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [] });
    expect(fillCommands()).toEqual([]);
  });

  it('with two accounts on one origin, fills neither until the person chooses, then remembers', async () => {
    const bg = await start(
      [
        { account: 'alice', state: 'verified', origin: SITE },
        { account: 'bob', state: 'verified', origin: SITE },
      ],
      true,
    );
    const [alice, bob] = bg.ids as [AccountId, AccountId];
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('refused');
    expect(badges.at(-1)).toEqual([TAB_ID, '!', expect.stringContaining('choose')]);
    expect(fillCommands()).toEqual([]);

    // The popup lists both; the person fills Bob's code.
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [alice, bob] });
    await bg.value('fillActiveTab', { id: bob });
    const bobCode = await bg.codeOf(bob);
    expect(fillCommands().at(-1)).toMatchObject({ code: bobCode });

    // From now on the keyboard command and automatic fill use Bob.
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('filled');
    expect(fillCommands().at(-1)).toMatchObject({ code: bobCode });
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: bobCode } });
    expect(bobCode).not.toBe(await bg.codeOf(alice));
  });

  it('fills nothing while locked; the keyboard command waits for the unlock, then fills', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }], true);
    await bg.value('lockVault');
    expect(await bg.send('fillActiveTab', { id: bg.ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'vault-locked' },
    });
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('locked');
    expect(badges.at(-1)).toEqual([TAB_ID, '!', expect.stringContaining('Unlock')]);
    expect(fillCommands()).toEqual([]);

    await bg.value('unlockVault', { passphrase: PASSPHRASE });
    expect(fillCommands()).toEqual([
      { keyfob: 1, command: 'fillCode', code: await bg.codeOf(bg.ids[0]!), expectedOrigin: SITE },
    ]);
  });

  it('titles the badge and the menu item in Keyfob’s language, not the browser’s', async () => {
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    expect(await bg.background.fillMenuTitle()).toBe(de.menuFillCode.message);
    await bg.value('lockVault');
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('locked');
    expect(badges.at(-1)).toEqual([TAB_ID, '!', de.badgeUnlockToFill.message]);
    await bg.value('unlockVault', { passphrase: PASSPHRASE });
    // A refusal reads as the pages would show it.
    tabUrl = 'https://elsewhere.example/login';
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('refused');
    expect(badges.at(-1)?.[2]).toBe(formatMessage(de.errNoAccount, ['https://elsewhere.example']));

    // Changed on the options page: the menu item and the badges follow at once.
    await fakeBrowser.storage.local.set({ uiLanguage: 'en' });
    expect(await bg.background.handleLanguageChange()).toBe(en.menuFillCode.message);
    await bg.value('lockVault');
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: `${SITE}/login` })).toBe(
      'locked',
    );
    expect(badges.at(-1)).toEqual([TAB_ID, '!', en.badgeUnlockToFill.message]);
  });

  it('after an unlock, fills nothing if another tab is in front', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    await bg.value('lockVault');
    expect(await bg.background.handleFillGesture({ id: TAB_ID + 1, url: tabUrl })).toBe('locked');
    await bg.value('unlockVault', { passphrase: PASSPHRASE });
    expect(fillCommands()).toEqual([]);
  });

  it.each([
    [{ done: false, refused: 'hidden-field' }, 'hidden or covered'],
    [{ done: false, refused: 'page-changed' }, 'page changed'],
    [{ done: false, refused: 'no-field' }, 'no code field'],
    [undefined, 'could not reach'],
  ])('reports the page’s refusal %j instead of "Filled"', async (reply, words) => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    pageReply = reply;
    const answer = await bg.send('fillActiveTab', { id: bg.ids[0] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'fill-refused' } });
    expect(answer.ok ? '' : answer.error.message).toContain(words);
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('refused');
  });

  it('waits for the next code when the current one expires in under 3 seconds', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    clock = Date.UTC(2026, 10, 23, 12, 0, 28, 500);
    const expiring = await bg.codeOf(bg.ids[0]!);
    await bg.value('fillActiveTab', { id: bg.ids[0] });
    expect(clock).toBe(Date.UTC(2026, 10, 23, 12, 0, 30));
    const next = await bg.codeOf(bg.ids[0]!);
    expect(next).not.toBe(expiring);
    expect(fillCommands()).toEqual([expect.objectContaining({ code: next })]);
  });

  it('the context menu fills only the page itself, not a frame inside it', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl }, 2)).toBe('refused');
    expect(fillCommands()).toEqual([]);
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl }, 0)).toBe('filled');
    expect(fillCommands()).toHaveLength(1);
  });
});

describe('accounts the person links to a site ("Use on this site")', () => {
  const link = (bg: Started, id: string, data: object = {}) =>
    bg.send<{ id: string; origin?: string; status: string }>('linkAccountToActiveTab', {
      id,
      shownOrigin: SITE,
      ...data,
    });
  const listedOrigin = async (bg: Started, id: string) => {
    const { accounts } = await bg.value<{ accounts: { id: string; origin?: string }[] }>(
      'listCodes',
    );
    return accounts.find((account) => account.id === id)?.origin;
  };

  it('links a hand-added account to the tab’s exact origin, never one the message names', async () => {
    const bg = await start([{ account: 'alice' }]);
    const [alice] = bg.ids as [AccountId];
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [] });

    const linked = await link(bg, alice, { origin: 'https://evil.example' });
    await bg.value('setAutoFill', { origin: SITE, on: true });
    expect(linked).toMatchObject({ ok: true, value: { id: alice, origin: SITE } });
    expect(linked.ok && linked.value.status).toBe('verified');
    expect(await listedOrigin(bg, alice)).toBe(SITE);

    // Now it is the site's account, for every kind of fill.
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [alice] });
    await bg.value('fillActiveTab', { id: alice });
    const code = await bg.codeOf(alice);
    expect(fillCommands()).toEqual([
      { keyfob: 1, command: 'fillCode', code, expectedOrigin: SITE },
    ]);
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('filled');
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code } });
  });

  it('links nothing when the tab moved away from the origin the popup showed', async () => {
    const bg = await start([{ account: 'alice' }]);
    tabUrl = 'https://evil.example/login';
    expect(await link(bg, bg.ids[0]!)).toMatchObject({
      ok: false,
      error: { code: 'page-changed' },
    });
    expect(await listedOrigin(bg, bg.ids[0]!)).toBeUndefined();
  });

  it.each([
    'chrome://settings/',
    'about:blank',
    `${OURS.origin}/popup.html`,
    'moz-extension://0f1e2d3c/popup.html',
    'file:///home/me/login.html',
    'data:text/html,<input>',
  ])('refuses to link to %s', async (url) => {
    const bg = await start([{ account: 'alice' }]);
    tabUrl = url;
    const shownOrigin = url.startsWith(OURS.origin) ? OURS.origin : url;
    expect(await link(bg, bg.ids[0]!, { shownOrigin })).toMatchObject({
      ok: false,
      error: { code: 'page-unsupported' },
    });
    expect(await listedOrigin(bg, bg.ids[0]!)).toBeUndefined();
  });

  it('fills a linked account on exactly that origin: no other port, scheme or host', async () => {
    const bg = await start([{ account: 'alice' }]);
    await link(bg, bg.ids[0]!);
    await bg.value('setAutoFill', { origin: SITE, on: true });
    for (const url of [
      'https://app.example.com:8443/login',
      'http://app.example.com/login',
      'https://login.app.example.com/login',
    ]) {
      await expectNoFillOn(bg, url, bg.ids[0]!);
      expect((await bg.value<{ accountIds: string[] }>('getActiveTab')).accountIds).toEqual([]);
    }
    expect(fillCommands()).toEqual([]);
  });

  it('never links, unlinks or verifies an unfinished setup, nor links a replaced or linked account', async () => {
    const bg = await start([
      { account: 'pending here', state: 'pending', origin: SITE },
      { account: 'pending elsewhere', state: 'pending', origin: 'https://other.example' },
      { account: 'old', state: 'replaced' },
      { account: 'enrolled elsewhere', state: 'verified', origin: 'https://other.example' },
    ]);
    const [pendingHere, pendingElsewhere, replaced, elsewhere] = bg.ids as AccountId[];
    for (const [id, code] of [
      [pendingHere, 'account-pending'],
      [pendingElsewhere, 'account-pending'],
      [replaced, 'account-replaced'],
      [elsewhere, 'account-linked'],
    ] as const) {
      expect(await link(bg, id!)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await bg.send('unlinkAccount', { id: pendingElsewhere })).toMatchObject({
      ok: false,
      error: { code: 'account-pending' },
    });
    const { accounts } = await bg.value<{
      accounts: { status: string; origin?: string }[];
    }>('listCodes');
    expect(accounts.map(({ status, origin }) => [status, origin])).toEqual([
      ['pending', SITE],
      ['pending', 'https://other.example'],
      ['replaced', undefined],
      ['verified', 'https://other.example'],
    ]);
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [] });
  });

  it('unlinking stops every fill there, for a linked and for an enrolled account', async () => {
    const bg = await start(
      [{ account: 'alice' }, { account: 'bob', state: 'verified', origin: SITE }],
      true,
    );
    const [alice, bob] = bg.ids as [AccountId, AccountId];
    await link(bg, alice);
    for (const id of [alice, bob]) {
      const unlinked = await bg.value<{ origin?: string; status: string }>('unlinkAccount', {
        id,
      });
      expect(unlinked).not.toHaveProperty('origin');
      expect(unlinked.status).toBe('verified');
    }
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [] });
    for (const id of [alice, bob]) await expectNoFillOn(bg, tabUrl, id);
    expect(fillCommands()).toEqual([]);
  });

  it('keeps the link sealed in the vault across a lock and unlock', async () => {
    const bg = await start([{ account: 'alice' }]);
    await link(bg, bg.ids[0]!);
    await bg.value('lockVault');
    await bg.value('unlockVault', { passphrase: PASSPHRASE });
    expect(await bg.value('getActiveTab')).toEqual({ origin: SITE, accountIds: [bg.ids[0]] });
    await bg.value('fillActiveTab', { id: bg.ids[0] });
    expect(fillCommands()).toHaveLength(1);
  });

  it('carries the link through a Keyfob backup into a new vault', async () => {
    const bg = await start([{ account: 'alice' }]);
    await link(bg, bg.ids[0]!);
    const file = await bg.value<{ fileName: string; data: string }>('exportAccounts', {
      format: 'keyfob',
      passphrase: PASSPHRASE,
    });

    const restored = await start([]);
    const preview = await restored.value<{ importId: string }>('previewImport', {
      name: file.fileName,
      data: file.data,
      password: PASSPHRASE,
    });
    await restored.value('commitImport', { importId: preview.importId, selected: [0] });
    const { accountIds } = await restored.value<{ accountIds: AccountId[] }>('getActiveTab');
    expect(accountIds).toHaveLength(1);
    await restored.value('fillActiveTab', { id: accountIds[0] });
    expect(fillCommands()).toEqual([
      expect.objectContaining({ code: await bg.codeOf(bg.ids[0]!), expectedOrigin: SITE }),
    ]);
    // The backup's own KDF runs at full strength.
  }, 60_000);

  it('with several linked accounts, remembers the person’s choice; unlinking it leaves the other', async () => {
    const bg = await start([{ account: 'alice' }, { account: 'bob' }]);
    const [alice, bob] = bg.ids as [AccountId, AccountId];
    await link(bg, alice);
    await link(bg, bob);
    await bg.value('setAutoFill', { origin: SITE, on: true });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('refused');
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });

    await bg.value('fillActiveTab', { id: bob });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('filled');
    expect(fillCommands().at(-1)).toMatchObject({ code: await bg.codeOf(bob) });

    await bg.value('unlinkAccount', { id: bob });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url: tabUrl })).toBe('filled');
    expect(fillCommands().at(-1)).toMatchObject({ code: await bg.codeOf(alice) });
    expect(await bg.codeOf(alice)).not.toBe(await bg.codeOf(bob));
  });

  it('takes link and unlink from the extension’s pages only', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    const page = { id: OURS.id, url: tabUrl, tab: { id: TAB_ID }, frameId: 0 };
    for (const name of ['linkAccountToActiveTab', 'unlinkAccount']) {
      expect(await bg.send(name, { id: bg.ids[0], shownOrigin: SITE }, page)).toMatchObject({
        ok: false,
        error: { code: 'sender-refused' },
      });
    }
    expect(await listedOrigin(bg, bg.ids[0]!)).toBe(SITE);
  });
});

describe('automatic fill, turned on per site', () => {
  const OTHER_PORT = 'https://app.example.com:8443';
  const PLAIN_HTTP = 'http://app.example.com';
  const OTHER_HOST = 'https://other.example';
  const sites = async (bg: Started) =>
    (await bg.value<{ origins: string[] }>('getAutoFillSites')).origins;

  it('is off by default, everywhere', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    expect(await sites(bg)).toEqual([]);
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
  });

  it('on for one origin fills there only: not on another host, plain http or another port', async () => {
    const bg = await start([
      { account: 'alice', state: 'verified', origin: SITE },
      { account: 'bob', state: 'verified', origin: OTHER_PORT },
      { account: 'carol', state: 'verified', origin: PLAIN_HTTP },
      { account: 'dave', state: 'verified', origin: OTHER_HOST },
    ]);
    expect(await bg.value('setAutoFill', { origin: SITE, on: true })).toEqual({ origins: [SITE] });

    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: await bg.codeOf(bg.ids[0]!) } });
    for (const origin of [OTHER_PORT, PLAIN_HTTP, OTHER_HOST]) {
      tabUrl = `${origin}/login`;
      expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
    }
    // Each of those is its own choice.
    await bg.value('setAutoFill', { origin: OTHER_PORT, on: true });
    expect(await sites(bg)).toEqual([SITE, OTHER_PORT].sort());
    tabUrl = `${OTHER_PORT}/login`;
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: await bg.codeOf(bg.ids[1]!) } });
    tabUrl = `${PLAIN_HTTP}/login`;
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
  });

  it('turns on only where a verified account is bound, and off again', async () => {
    const bg = await start([
      { account: 'alice', state: 'verified', origin: SITE },
      { account: 'pending', state: 'pending', origin: OTHER_HOST },
    ]);
    for (const origin of [OTHER_HOST, OTHER_PORT, 'https://app.example.com.evil.example']) {
      expect(await bg.send('setAutoFill', { origin, on: true })).toMatchObject({
        ok: false,
        error: { code: 'no-account' },
      });
    }
    expect(await sites(bg)).toEqual([]);

    await bg.value('setAutoFill', { origin: SITE, on: true });
    expect(await bg.value('setAutoFill', { origin: SITE, on: false })).toEqual({ origins: [] });
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
    // The popup's Fill still works: only the automatic kind is off.
    expect(await bg.send('fillActiveTab', { id: bg.ids[0] })).toMatchObject({ ok: true });
  });

  it('does not follow an unlinked account to the next site it is linked to', async () => {
    const bg = await start([{ account: 'alice' }]);
    const [alice] = bg.ids as [AccountId];
    await bg.value('linkAccountToActiveTab', { id: alice, shownOrigin: SITE });
    await bg.value('setAutoFill', { origin: SITE, on: true });
    await bg.value('unlinkAccount', { id: alice });
    expect(await sites(bg)).toEqual([]);

    tabUrl = `${OTHER_HOST}/login`;
    await bg.value('linkAccountToActiveTab', { id: alice, shownOrigin: OTHER_HOST });
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
  });

  it('is changed and read by the extension’s pages only, never by a page', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }]);
    const page = { id: OURS.id, url: tabUrl, tab: { id: TAB_ID }, frameId: 0 };
    expect(await bg.send('setAutoFill', { origin: SITE, on: true }, page)).toMatchObject({
      ok: false,
      error: { code: 'sender-refused' },
    });
    expect(await bg.send('getAutoFillSites', {}, page)).toMatchObject({
      ok: false,
      error: { code: 'sender-refused' },
    });
    expect(await sites(bg)).toEqual([]);
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
  });

  it('keeps the sites out of storage in the clear: ids only', async () => {
    const bg = await start([{ account: 'alice', state: 'verified', origin: SITE }], true);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).toContain(bg.ids[0]);
    expect(stored).not.toContain('app.example.com');
  });

  describe('the old single switch', () => {
    const seeded: SeedAccount[] = [
      { account: 'alice', state: 'verified', origin: SITE },
      { account: 'bob', state: 'verified', origin: OTHER_PORT },
      { account: 'pending', state: 'pending', origin: OTHER_HOST },
      { account: 'by hand', state: 'verified' },
    ];
    const storedSettings = async () =>
      (await fakeBrowser.storage.local.get('settings')).settings as Record<string, unknown>;

    it('on: becomes on for the origin of every verified bound account, at unlock, once', async () => {
      await fakeBrowser.storage.local.set({
        settings: { autoFillSignIn: true, deviceName: 'Mine' },
      });
      const bg = await start(seeded);
      expect(await sites(bg)).toEqual([SITE, OTHER_PORT].sort());
      expect(await bg.autoFill()).toEqual({
        ok: true,
        value: { code: await bg.codeOf(bg.ids[0]!) },
      });
      expect(await storedSettings()).not.toHaveProperty('autoFillSignIn');
      expect(await storedSettings()).toMatchObject({ deviceName: 'Mine' });

      // Turned off afterwards, it stays off across a lock and unlock.
      await bg.value('setAutoFill', { origin: OTHER_PORT, on: false });
      await bg.value('lockVault');
      await bg.value('unlockVault', { passphrase: PASSPHRASE });
      expect(await sites(bg)).toEqual([SITE]);
    });

    it('on: survives a settings save made while locked, until the unlock carries it over', async () => {
      await fakeBrowser.storage.local.set({ settings: { autoFillSignIn: true } });
      const bg = await start(seeded);
      await bg.value('lockVault');
      await fakeBrowser.storage.local.set({ settings: { autoFillSignIn: true } });
      await bg.value('updateSettings', { autoLockMinutes: 12 });
      expect(await storedSettings()).toMatchObject({ autoFillSignIn: true, autoLockMinutes: 12 });
    });

    it('off: nothing is turned on, and the switch goes', async () => {
      await fakeBrowser.storage.local.set({ settings: { autoFillSignIn: false } });
      const bg = await start(seeded);
      expect(await sites(bg)).toEqual([]);
      expect(await storedSettings()).not.toHaveProperty('autoFillSignIn');
    });
  });
});
