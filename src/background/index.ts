import { browser } from 'wxt/browser';
import { originOf } from '../messaging/sender';
import { SITE_SCRIPT_PREFIX } from '../shared/content-script-files';
import { openVaultStore } from '../storage';
import { createBackground } from './background';
import { createBrowserTabs } from './browser-tabs';
import { decodeQrDataUrl, decodeQrImage } from './qr-decode';

export { createBackground, type BackgroundDeps } from './background';

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
    // Not `new URL(...).origin`: engines that treat extension schemes as opaque say "null",
    // and every page of ours would then be refused. originOf rebuilds it as senders get it.
    ours: { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/')) ?? '' },
  });
  browser.runtime.onMessage.addListener((message, sender) =>
    background.handleMessage(message, sender),
  );
  browser.alarms.onAlarm.addListener((alarm) => void background.handleAlarm(alarm.name));
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
