import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readFileSync } from 'node:fs';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { Reply } from '../messaging/protocol';
import { generateCode } from '../otp';
import { openVaultStore } from '../storage';
import { startBackground } from './index';

// The wiring entrypoints/background.ts runs, over WXT's fakeBrowser and an in-memory
// IndexedDB: nothing here is injected, so a new vault gets the production KDF. PBKDF2 at
// 600,000 iterations takes a while on a busy machine, hence the generous timeout.
vi.setConfig({ testTimeout: 120_000 });

const PASS = 'correct horse battery staple';
const ID = fakeBrowser.runtime.id;
const POPUP = { id: ID, url: `chrome-extension://${ID}/popup.html` };

/** A service worker start: the listeners of the last one are gone, storage stays. */
function startWorker(): void {
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  startBackground();
}

/** Sends a message as the browser would deliver it, and returns the one reply. */
async function send<T>(name: string, data: object = {}, sender: object = POPUP) {
  const replies = await fakeBrowser.runtime.onMessage.trigger({ keyfob: 1, name, data }, sender);
  expect(replies).toHaveLength(1);
  return replies[0] as unknown as Reply<T>;
}

async function value<T>(name: string, data: object = {}): Promise<T> {
  const reply = await send<T>(name, data);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** A Cognito-hosted page's setup screen, as its tab's content script reports it. */
const HOSTED = 'https://demo.auth.us-east-1.amazoncognito.com';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SETUP_PAGE = { id: ID, url: `${HOSTED}/mfa`, origin: HOSTED, tab: { id: 5 }, frameId: 0 };

async function reportSetup(): Promise<{ action: string; code?: string }> {
  const reply = await send<{ action: string; code?: string }>(
    'reportSetupScreen',
    { secret: SECRET, hints: {} },
    SETUP_PAGE,
  );
  if (!reply.ok) throw new Error(reply.error.code);
  return reply.value;
}

/**
 * A report of the setup page that has been through the background's queue for its origin: a
 * later message of the page, queued after it, has been answered. Its reply may still wait.
 */
async function reportSetupQueued() {
  const reply = reportSetup();
  await send('reportVerifyOutcome', { outcome: { kind: 'left-setup' } }, SETUP_PAGE);
  return { reply };
}

/** The browser's record of the setup page's tab posting its form with `code`. */
function formSent(requestId: string, code: string): void {
  webRequest.onBeforeRequest!({
    requestId,
    tabId: 5,
    frameId: 0,
    type: 'main_frame',
    method: 'POST',
    url: `${HOSTED}/mfa`,
    initiator: HOSTED,
    requestBody: { formData: { totpCode: [code], deviceName: ['Keyfob'] } },
  });
}

const WEB_REQUEST_EVENTS = [
  'onBeforeRequest',
  'onSendHeaders',
  'onHeadersReceived',
  'onErrorOccurred',
] as const;
const webRequest: Partial<Record<(typeof WEB_REQUEST_EVENTS)[number], (details: unknown) => void>> =
  {};

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  // fakeBrowser has no permissions events; the wiring only subscribes to this one.
  vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => {});
  // Nor commands or context menus: the gestures' listeners are caught here to be fired.
  gestures = {};
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    gestures.command = listener as never;
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((listener) => {
    gestures.menu = listener as never;
  });
  menus = [];
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation((item) => {
    menus.push(item);
    return item.id ?? '';
  });
  // Nor i18n: an English browser. The background fetches its catalogues from the extension.
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.stubGlobal('fetch', async (url: string) => {
    const locale = /\/_locales\/(\w+)\/messages\.json$/.exec(String(url))?.[1];
    if (!locale) throw new Error(`no such file: ${url}`);
    return new Response(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
  });
  updatedMenus = [];
  vi.spyOn(fakeBrowser.contextMenus, 'update').mockImplementation(async (id, change) => {
    updatedMenus.push({ id, ...change });
  });
  openPopup = vi.spyOn(fakeBrowser.action, 'openPopup').mockImplementation(async () => {});
  // fakeBrowser has no webRequest events: keep the listeners the wiring adds.
  for (const name of WEB_REQUEST_EVENTS) {
    vi.spyOn(fakeBrowser.webRequest[name], 'addListener').mockImplementation(
      (listener: unknown) => {
        webRequest[name] = listener as (details: unknown) => void;
      },
    );
  }
  // The release build's host permissions: no loopback, so rig answers would not count.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Keyfob',
    version: '0',
    host_permissions: ['https://*.auth.us-east-1.amazoncognito.com/*'],
  });
});

type Tab = { id: number; url: string };
let gestures: {
  command?: (name: string, tab?: Tab) => void;
  menu?: (info: { menuItemId: string; frameId?: number }, tab?: Tab) => void;
};
let menus: { id?: string; title?: string; contexts?: string[] }[];
let updatedMenus: { id: string | number; title?: string }[];
let openPopup: ReturnType<typeof vi.spyOn>;

describe('startBackground (the production wiring)', () => {
  it('offers "Fill Keyfob code" on editable fields; the shortcut and the menu ask to unlock first', async () => {
    startWorker();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(() =>
      expect(menus).toEqual([
        { id: expect.any(String), title: 'Fill Keyfob code', contexts: ['editable'] },
      ]),
    );
    const tab = { id: 4, url: 'https://app.example.com/login' };

    gestures.command!('fill-code', tab);
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('!');

    gestures.menu!({ menuItemId: menus[0]!.id!, frameId: 0 }, tab);
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(2));
    // Another extension's menu item, another command: not ours to act on.
    gestures.menu!({ menuItemId: 'something-else', frameId: 0 }, tab);
    gestures.command!('_execute_action', tab);
    await value('getVaultState');
    expect(openPopup).toHaveBeenCalledTimes(2);
  });

  it('titles the menu item in Keyfob’s language, and again when the setting changes', async () => {
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    startWorker();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(() =>
      expect(menus.map((menu) => menu.title)).toEqual([de.menuFillCode.message]),
    );

    // As the options page stores a new choice.
    await fakeBrowser.storage.local.set({ uiLanguage: 'en' });
    await vi.waitFor(() =>
      expect(updatedMenus).toEqual([{ id: menus[0]!.id, title: en.menuFillCode.message }]),
    );
  });

  it('gives a new vault the production KDF and keeps it unlocked across a worker restart', async () => {
    startWorker();
    await value('createVault', { passphrase: PASS, confirmation: PASS });
    const header = await (await openVaultStore()).readHeader();
    expect(header?.keySlot.kdf.iterations).toBeGreaterThanOrEqual(600_000);

    await value('addAccount', { account: 'alice', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    // A stopped worker comes back unlocked from the key parked in storage.session.
    startWorker();
    expect(await value('getVaultState')).toMatchObject({ exists: true, unlocked: true });
    expect(await value<{ accounts: unknown[] }>('listCodes')).toMatchObject({
      accounts: [{ account: 'alice' }],
    });
  });

  it('locks, refuses a wrong passphrase, unlocks, and comes back locked in a new browser session', async () => {
    startWorker();
    await value('createVault', { passphrase: PASS, confirmation: PASS });
    await value('lockVault');
    expect(await fakeBrowser.storage.session.get()).toEqual({});
    startWorker();
    expect(await value('getVaultState')).toMatchObject({ unlocked: false });

    expect(await send('unlockVault', { passphrase: 'not the passphrase at all' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    await value('unlockVault', { passphrase: PASS });
    expect(await value('getVaultState')).toMatchObject({ unlocked: true });

    // A browser restart empties storage.session: the vault is on disk, but locked.
    await fakeBrowser.storage.session.clear();
    startWorker();
    expect(await value('getVaultState')).toMatchObject({ exists: true, unlocked: false });
  });

  it('refuses messages from anyone but this extension', async () => {
    startWorker();
    await value('createVault', { passphrase: PASS, confirmation: PASS });
    const strangers = [
      { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' },
      // Another extension claiming our popup's URL.
      { id: 'another-extension', url: POPUP.url },
      // A page of ours as it would look with a different id (a copy of Keyfob).
      { id: 'copy-of-keyfob', url: 'chrome-extension://copy-of-keyfob/popup.html' },
    ];
    for (const sender of strangers) {
      for (const name of ['getVaultState', 'listCodes', 'lockVault']) {
        expect(await send(name, {}, sender)).toMatchObject({
          ok: false,
          error: { code: 'sender-refused' },
        });
      }
    }
    expect(await value('getVaultState')).toMatchObject({ unlocked: true });
  });

  it('verifies a pending account on the browser’s record of Cognito’s 200, and only then', async () => {
    startWorker();
    await value('createVault', { passphrase: PASS, confirmation: PASS });
    const fill = await reportSetup();
    const status = async () =>
      (await value<{ accounts: { status: string }[] }>('listCodes')).accounts[0]?.status;

    const verifyCall = (id: string, url: string, statusCode = 200) => {
      webRequest.onBeforeRequest!({
        requestId: id,
        tabId: 5,
        frameId: 0,
        type: 'xmlhttprequest',
        method: 'POST',
        url,
        initiator: HOSTED,
        requestBody: {
          raw: [
            {
              bytes: new TextEncoder().encode(
                JSON.stringify({ UserCode: fill.code, Session: 's'.repeat(40) }),
              ).buffer,
            },
          ],
        },
      });
      webRequest.onSendHeaders!({
        requestId: id,
        requestHeaders: [
          { name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.VerifySoftwareToken' },
        ],
      });
      webRequest.onHeadersReceived!({
        requestId: id,
        statusCode,
        responseHeaders: [{ name: 'x-amzn-ErrorType', value: 'CodeMismatchException:' }],
      });
    };
    // The release build: a loopback "Cognito" is any server, so its 200 proves nothing.
    // Cognito's refusal, which comes after it in the origin's queue, shows when both are done.
    verifyCall('1', 'http://127.0.0.1:9229/');
    verifyCall('2', 'https://cognito-idp.us-east-1.amazonaws.com/', 400);
    await vi.waitFor(async () =>
      expect((await value<{ notices: unknown[] }>('listCodes')).notices).toHaveLength(1),
    );
    expect(await status()).toBe('pending');
    // Worded when the popup asks: a notice from an English moment reads German once chosen.
    const notice = async () =>
      (await value<{ notices: { message: string }[] }>('listCodes')).notices[0]?.message;
    expect(await notice()).toBe(en.noticeCodeRefusedOnce.message);
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    await vi.waitFor(async () => expect(await notice()).toBe(de.noticeCodeRefusedOnce.message));
    verifyCall('3', 'https://cognito-idp.us-east-1.amazonaws.com/');
    await vi.waitFor(async () => expect(await status()).toBe('verified'));
  });

  describe('a server-rendered setup page that shows its screen again', () => {
    // Codes by step: the clock stands still (PBKDF2 and IndexedDB do not read it).
    const NOW = Date.UTC(2026, 0, 5, 12, 0, 10);
    const codeAt = (at: number) =>
      generateCode(
        { type: 'totp', secret: SECRET, account: 'a', algorithm: 'SHA1', digits: 6, period: 30 },
        at,
      );

    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      startWorker();
      await value('createVault', { passphrase: PASS, confirmation: PASS });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gets the next step’s code when it reports between the form’s request and its answer', async () => {
      const first = await reportSetup();
      expect(first).toMatchObject({ action: 'fill', code: await codeAt(NOW) });
      formSent('f1', first.code!);
      // Nothing makes the answer's event reach Keyfob first: the page the server rendered
      // again reports its setup screen before it. Its reply waits for the answer.
      const again = await reportSetupQueued();
      // The answer: the setup page again, so the site refused the code.
      webRequest.onHeadersReceived!({ requestId: 'f1', statusCode: 200, responseHeaders: [] });
      expect(await again.reply).toMatchObject({ action: 'fill', code: await codeAt(NOW + 30_000) });
      expect((await value<{ notices: unknown[] }>('listCodes')).notices).toHaveLength(1);
    });

    it('gets the sent code back when the form’s request failed on the network', async () => {
      const first = await reportSetup();
      formSent('f1', first.code!);
      const again = await reportSetupQueued();
      webRequest.onErrorOccurred!({ requestId: 'f1', error: 'NS_ERROR_NET_RESET' });
      // The site never saw the code: the page the person reloads gets it again.
      expect(await again.reply).toMatchObject({ action: 'fill', code: first.code });
    });
  });
});
