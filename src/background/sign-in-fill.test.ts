import { fakeBrowser } from 'wxt/testing/fake-browser';
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
import { createBackground } from './background';

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

async function start(accounts: SeedAccount[], autoFillSignIn = false) {
  const store = createMemoryVaultStore();
  const { ids } = await seedVault(store, accounts, 0);
  const background = createBackground({
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
  await value('updateSettings', { autoFillSignIn });
  /** The current code of an account, as the popup lists it. */
  const codeOf = async (id: AccountId) => {
    const { accounts: listed } = await value<{ accounts: { id: string; code: string }[] }>(
      'listCodes',
    );
    return listed.find((account) => account.id === id)!.code;
  };
  /** Automatic fill: the content script in the tab's top frame (or `frameId`) asks. */
  const autoFill = async (frameId = 0) => {
    const page = { id: OURS.id, url: `${tabUrl}`, tab: { id: TAB_ID }, frameId };
    return send<{ code: string | null }>('requestSignInCode', {}, page);
  };
  return { ids, send, value, codeOf, autoFill, background };
}

const fillCommands = () => sent.filter((command) => command.command === 'fillCode');

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
    tabUrl = url;
    expect(await bg.send('fillActiveTab', { id: bg.ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'origin-mismatch' },
    });
    expect(await bg.background.handleFillGesture({ id: TAB_ID, url })).toBe('refused');
    expect(await bg.autoFill()).toEqual({ ok: true, value: { code: null } });
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
