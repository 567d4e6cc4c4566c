import { browser } from 'wxt/browser';
import { CLIPBOARD_PERMISSIONS } from '../messaging/protocol';
import type { ClipboardCleaner } from './clipboard-janitor';

/** The message the background sends the offscreen page (Chromium). */
export interface ClearClipboardMessage {
  keyfobOffscreen: 'clear-clipboard-if';
  text: string;
}

const OFFSCREEN_PATH = '/offscreen.html';

/** `chrome.offscreen`, which Firefox does not have (its background page has a document). */
interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/**
 * {@link ClipboardCleaner} over the real clipboard. A Chromium service worker has no
 * clipboard, so there an offscreen page does the reading and clearing; Firefox's background
 * page has a document and does it itself. Does nothing without the clipboard permissions.
 */
export function createBrowserClipboard(): ClipboardCleaner {
  return {
    async clearIfHolds(text) {
      if (!(await browser.permissions.contains({ permissions: CLIPBOARD_PERMISSIONS as never }))) {
        return;
      }
      const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
      if (!offscreen) {
        if ((await navigator.clipboard.readText()) === text)
          await navigator.clipboard.writeText('');
        return;
      }
      await offscreen
        .createDocument({
          url: browser.runtime.getURL(OFFSCREEN_PATH as never),
          reasons: ['CLIPBOARD'],
          justification: 'Clear an expired one-time code from the clipboard',
        })
        .catch(() => {
          // One is open already (an earlier clear still running): use it.
        });
      try {
        const message: ClearClipboardMessage = { keyfobOffscreen: 'clear-clipboard-if', text };
        await browser.runtime.sendMessage(message);
      } finally {
        await offscreen.closeDocument().catch(() => {});
      }
    },
  };
}
