import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAccounts, otpauthUri } from './support/accounts';
import { chooseFile } from './support/backup-steps';
import { DOM_HELPERS_SOURCE } from './support/dom-helpers';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import { launchEnrollmentBrowser } from './support/enrollment-browser';
import { selectedBrowsers } from './support/env';

// The popup with more accounts than fit: the list scrolls on its own, never sideways, and the
// "Copied" status sits below the list instead of over a row.

const PASSPHRASE = 'correct horse battery staple';
const COUNT = 40;

afterEach(async () => {
  await disposeAllDrivers();
});

/** Where things are drawn, in the popup's own coordinates. */
interface Layout {
  listScrolls: boolean;
  sidewaysPx: number;
  toast: { top: number; bottom: number } | null;
  /** Rows at least partly on screen. */
  rows: { top: number; bottom: number }[];
}

const LAYOUT = `(() => {
  const list = document.querySelector('main');
  // What is on screen: the list's box, clipped to the window.
  const box0 = list.getBoundingClientRect();
  const view = { top: Math.max(box0.top, 0), bottom: Math.min(box0.bottom, innerHeight) };
  const status = document.querySelector('[role=status]');
  const box = status && status.textContent.trim() ? status.getBoundingClientRect() : null;
  const rows = Array.from(document.querySelectorAll('li[data-account-id]'))
    .map((row) => row.getBoundingClientRect())
    .filter((r) => r.bottom > view.top && r.top < view.bottom)
    .map((r) => ({ top: Math.max(r.top, view.top), bottom: Math.min(r.bottom, view.bottom) }));
  const page = document.scrollingElement;
  return {
    listScrolls: list.scrollHeight > list.clientHeight || page.scrollHeight > page.clientHeight,
    sidewaysPx: Math.max(list.scrollWidth - list.clientWidth, page.scrollWidth - page.clientWidth),
    toast: box && { top: box.top, bottom: box.bottom },
    rows,
  };
})()`;

describe.each(selectedBrowsers())('popup layout in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it(`${COUNT} accounts: the list scrolls, never sideways, and "Copied" covers no row`, async () => {
    const browser = await launchEnrollmentBrowser(browserName, dist);
    const first = await browser.openPopup();
    await first.createVault(PASSPHRASE);

    const accounts = Array.from({ length: COUNT }, () => makeTestAccounts().byUri);
    const options = await browser.openExtensionTab('options.html#backup');
    await chooseFile(options, 'Import from a file', {
      name: 'accounts.txt',
      type: 'text/plain',
      base64: Buffer.from(accounts.map((a) => otpauthUri(a)).join('\n'), 'utf8').toString('base64'),
    });
    await options.waitForText(`Found ${COUNT} accounts`);
    await options.press(`Import ${COUNT} accounts`);
    await options.waitForText(`Imported ${COUNT} accounts.`);

    const popup = await browser.openPopup();
    await popup.readCodes(COUNT);
    const before = await popup.evaluate<Layout>(LAYOUT);
    expect(before.listScrolls, 'the list is longer than the popup').toBe(true);
    expect(before.sidewaysPx, 'no horizontal scrolling').toBeLessThanOrEqual(0);

    // Copy the lowest row on screen: the status must not land on it or any other row.
    const lowest = await popup.evaluate<string>(`(() => {
      const box = document.querySelector('main').getBoundingClientRect();
      const list = { top: Math.max(box.top, 0), bottom: Math.min(box.bottom, innerHeight) };
      const buttons = Array.from(document.querySelectorAll('li[data-account-id] .account-copy'))
        .filter((b) => { const r = b.getBoundingClientRect(); return r.bottom <= list.bottom && r.top >= list.top; });
      return ${DOM_HELPERS_SOURCE}.buttonName(buttons[buttons.length - 1]);
    })()`);
    await popup.press(lowest);
    await popup.waitForText('Copied');
    const after = await popup.evaluate<Layout>(LAYOUT);
    expect(after.toast, 'the status shows').not.toBeNull();
    for (const row of after.rows) {
      const overlaps = row.bottom > after.toast!.top && row.top < after.toast!.bottom;
      expect(overlaps, `a row at ${row.top}–${row.bottom} under the status`).toBe(false);
    }
    expect(after.sidewaysPx).toBeLessThanOrEqual(0);

    // The popup's rules are written into popup.html (scripts/build/page-html.ts): a view loaded
    // later must not bring the same stylesheet in again.
    await popup.press('Add account');
    await popup.waitForText('otpauth URI');
    expect(
      await popup.evaluate<{ sheets: number; links: string[] }>(`({
        sheets: document.styleSheets.length,
        links: Array.from(document.querySelectorAll('link[rel=stylesheet]'))
          .filter((link) => !link.disabled)
          .map((link) => link.href),
      })`),
    ).toEqual({ sheets: 1, links: [] });
  });
});
