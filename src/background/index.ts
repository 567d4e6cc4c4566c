import { browser } from 'wxt/browser';
import { originOf } from '../messaging/sender';
import { SITE_SCRIPT_PREFIX } from '../shared/content-script-files';
import { browserLanguage, LANGUAGE_SETTING_KEY, type Catalogue } from '../shared/i18n';
import { openVaultStore } from '../storage';
import { createBackground } from './background';
import { createBrowserTabs } from './browser-tabs';
import { createBrowserClipboard } from './browser-clipboard';
import { decodeQrDataUrl, decodeQrImage } from './qr-decode';
import { listenForVerifyEvidence } from './verify-listener';
import { listenForServerTime } from './server-date-listener';

export { createBackground, type BackgroundDeps } from './background';

/** The keyboard command that fills the sign-in code (named in wxt.config.ts and the README). */
export const FILL_COMMAND = 'fill-code';
/** The context-menu item on editable fields that fills the sign-in code. */
const FILL_MENU = 'keyfob-fill-code';

/**
 * Starts the background in a real browser. Listeners are registered synchronously, because a
 * woken service worker only delivers events to listeners that exist when its script first
 * runs; the async set-up is awaited inside each event.
 */
export function startBackground(): void {
  const session = browser.storage.session;
  // Only the extension's own pages may read the parked key; content scripts may not.
  void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => {});
  const background = createBackground({
    session,
    local: browser.storage.local,
    alarms: browser.alarms,
    openStore: () => openVaultStore(),
    tabs: createBrowserTabs(),
    decodeQr: decodeQrDataUrl,
    // Every code in the image: a page or picture may show several accounts' QR codes.
    decodeQrImage,
    clipboard: createBrowserClipboard(),
    // The same catalogues the pages fetch; the background speaks Keyfob's chosen language.
    loadCatalogue: async (locale) =>
      (await (
        await fetch(browser.runtime.getURL(`/_locales/${locale}/messages.json` as '/'))
      ).json()) as Catalogue,
    browserLanguage: () => browserLanguage(browser.i18n),
    // Not `new URL(...).origin`: engines that treat extension schemes as opaque say "null",
    // and every page of ours would then be refused. originOf rebuilds it as senders get it.
    ours: { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/')) ?? '' },
  });
  browser.runtime.onMessage.addListener((message, sender) =>
    background.handleMessage(message, sender),
  );
  const hosts = browser.runtime.getManifest().host_permissions ?? [];
  // Only the e2e build may script loopback pages (test/e2e/manifest.e2e.test.ts): there, the
  // Cognito rig on loopback stands in for Cognito's API and hosted UI.
  const cognitoHosts = { urls: hosts, loopback: hosts.includes('http://127.0.0.1/*') };
  // The clock first: a refused code's answer carries the Date that explains the refusal.
  listenForServerTime(cognitoHosts, {
    left: (tabId, requestId) => background.handleServerRequest(tabId, requestId),
    answered: (requestId, reading) => void background.handleServerTime(reading, requestId),
    failed: (requestId) => background.handleServerRequestFailed(requestId),
  });
  listenForVerifyEvidence(cognitoHosts, {
    submitted: (submission) => void background.handleSubmission(submission),
    evidence: (evidence) => void background.handleVerifyEvidence(evidence),
    released: (submission) => void background.handleRelease(submission),
  });
  browser.alarms.onAlarm.addListener((alarm) => void background.handleAlarm(alarm.name));
  // The person's gestures for sign-in fill besides the popup's button.
  const fill = async (
    tab: { id?: number | undefined; url?: string | undefined } | undefined,
    frameId: number,
  ) => {
    if (tab?.id === undefined) return;
    const outcome = await background.handleFillGesture(
      tab.url ? { id: tab.id, url: tab.url } : { id: tab.id },
      frameId,
    );
    // Locked: the popup asks for the passphrase, and the fill follows the unlock.
    if (outcome === 'locked') await browser.action.openPopup().catch(() => {});
  };
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === FILL_COMMAND) void fill(tab, 0);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === FILL_MENU) void fill(tab, info.frameId ?? 0);
  });
  browser.runtime.onInstalled.addListener(() => {
    void background
      .fillMenuTitle()
      .then((title) =>
        browser.contextMenus.create({ id: FILL_MENU, title, contexts: ['editable'] }),
      );
  });
  // The options page changed Keyfob's language: the menu item says so from now on.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(LANGUAGE_SETTING_KEY in changes)) return;
    void background
      .handleLanguageChange()
      .then((title) => browser.contextMenus.update(FILL_MENU, { title }))
      .catch(() => {});
  });
  // A site access the person revoked in the browser's own settings takes its scripts along.
  browser.permissions.onRemoved.addListener(({ origins = [] }) => void dropSiteScripts(origins));
}

async function dropSiteScripts(revoked: string[]): Promise<void> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  const ids = scripts
    .filter((script) => script.id.startsWith(SITE_SCRIPT_PREFIX))
    .filter((script) => script.matches?.some((match) => revoked.includes(match)))
    .map((script) => script.id);
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
}
