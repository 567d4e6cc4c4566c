import { randomUUID } from 'node:crypto';
import type { WebPage } from './enrollment-browser';
import type { PopupPage } from './popup-page';
import { waitFor } from './wait';
import type { XDisplay } from './x-display';

/**
 * Gives `page`'s browser window the keyboard focus on `display`, with `page` in front. The
 * window is found by a title set for the purpose: a browser window shows its selected tab's.
 */
export async function focusPageWindow(display: XDisplay, page: WebPage): Promise<void> {
  await page.bringToFront();
  const marker = `kf-${randomUUID()}`;
  await page.evaluate(`document.title = ${JSON.stringify(marker)}`);
  await display.focusWindowTitled(marker);
}

/** The manifest's default shortcut for "_execute_action" (wxt.config.ts, README), for xdotool. */
export const POPUP_SHORTCUT = 'alt+shift+o';

/** Opens the real action popup over `page` as a person does with the keyboard: its shortcut. */
export async function openPopupByShortcut(
  display: XDisplay,
  page: WebPage,
  extensionTab: PopupPage,
): Promise<RealPopup> {
  await focusPageWindow(display, page);
  await display.key(POPUP_SHORTCUT);
  return realPopup(extensionTab);
}

const VIEW = `(globalThis.browser ?? globalThis.chrome).extension.getViews({ type: 'popup' })[0]`;

/** What a test does in the real popup. */
export interface RealPopup {
  /** The popup's visible text, or null while none is open. */
  text(): Promise<string | null>;
  waitForText(wanted: string): Promise<void>;
  press(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real action popup (opened by the person's shortcut or click), reached through
 * `extension.getViews` from an extension tab: automation has no handle on Firefox's popup
 * panel, and keys from xdotool never reach it (test/e2e/README.md). Presses are DOM clicks in
 * the popup's own window, so everything after them is the popup's own code path.
 */
export function realPopup(extensionTab: PopupPage): RealPopup {
  const text = () =>
    extensionTab.evaluate<string | null>(`(() => {
      const view = ${VIEW};
      return view ? view.document.body.innerText : null;
    })()`);
  return {
    text,
    /** Waits until the popup is open and shows `wanted`. */
    async waitForText(wanted: string): Promise<void> {
      let seen: string | null = null;
      await waitFor(
        async () => {
          seen = await text();
          return seen?.includes(wanted);
        },
        { what: `the popup to show "${wanted}"` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; it showed ${JSON.stringify(seen)}`);
      });
    },
    /** Clicks the button named `name` (its aria-label, or its text), once it shows. */
    async press(name: string): Promise<void> {
      await waitFor(
        () =>
          extensionTab.evaluate<boolean>(`(() => {
            const view = ${VIEW};
            const name = ${JSON.stringify(name)};
            const button = view && [...view.document.querySelectorAll('button')].find(
              (b) => b.getAttribute('aria-label') === name || b.textContent.trim() === name,
            );
            if (!button || button.disabled) return false;
            button.click();
            return true;
          })()`),
        { what: `a "${name}" button in the popup` },
      );
    },
    /** Closes the popup and waits until it is gone (an open panel takes the next click). */
    async close(): Promise<void> {
      await extensionTab.evaluate(`${VIEW}?.close()`);
      await waitFor(async () => (await text()) === null, { what: 'the popup to close' });
    },
  };
}
