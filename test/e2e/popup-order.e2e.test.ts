import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeNamedAccounts } from './support/accounts';
import type { PopupPage } from './support/popup-page';
import { describePopupSuite, importAccounts, waitForOrder } from './support/popup-suite';
import { dragWithPointer, screenPointOf } from './support/screen-pointer';
import { selectedBrowsers } from './support/env';
import { waitFor } from './support/wait';
import { startXDisplay, type XDisplay } from './support/x-display';

// Sorted by hand, a person moves accounts in the real popup: by dragging a row onto another
// with the pointer, and by Alt+ArrowUp / Alt+ArrowDown on a row (the popup's hint and the
// rows' aria-keyshortcuts). The order is each account's stored `order`: a new popup shows it.
//
// The drag is a mouse's: down on the row, moves in steps, up over the other row. Chromium
// takes Playwright's mouse. Firefox can't take puppeteer's: over WebDriver BiDi the drag
// starts, but the release never ends it (w3c/webdriver-bidi#487), so nothing is dropped.
// There the real pointer drags: Firefox runs with real windows on a private Xvfb display, and
// xdotool holds the button, moves and lets go (support/screen-pointer.ts).

let display: XDisplay;

beforeAll(async () => {
  if (selectedBrowsers().includes('firefox')) display = await startXDisplay();
});

afterAll(async () => {
  await display?.stop();
});

/** Source text: the title element of the row titled `title`. */
const titleElement = (title: string) =>
  `[...document.querySelectorAll('li[data-account-id] .account-title')].find((e) => e.textContent === ${JSON.stringify(title)})`;

/** The title of the row that holds the keyboard focus, or null. */
const focusedTitle = (popup: PopupPage) =>
  popup.evaluate<string | null>(
    `document.activeElement?.closest('li[data-account-id]')?.querySelector('.account-title')?.textContent ?? null`,
  );

// Heard on the window, after the page's own listeners: which row a drag started on, and over
// which row the page last accepted a drop (it cancels dragover only where a drop may land).
const WATCH_DRAGS = `(() => {
  const titleOf = (event) =>
    event.target?.closest?.('li[data-account-id]')?.querySelector('.account-title')?.textContent ?? null;
  window.__kfDrag = { started: null, accepting: null };
  addEventListener('dragstart', (event) => { window.__kfDrag.started = titleOf(event); });
  addEventListener('dragover', (event) => {
    window.__kfDrag.accepting = event.defaultPrevented ? titleOf(event) : null;
  });
})()`;

/** Source text: the middle of the title of the row titled `title`, in the viewport. */
const middleOf = (title: string) =>
  `(() => { const box = (${titleElement(title)}).getBoundingClientRect();
     return { x: box.x + box.width / 2, y: box.y + box.height / 2 }; })()`;

/** Drags the row titled `from` with the mouse and drops it onto the row titled `onto`. */
async function dragRow(popup: PopupPage, from: string, onto: string): Promise<void> {
  await popup.evaluate(WATCH_DRAGS);
  const dragged = () =>
    popup.evaluate<{ started: string | null; accepting: string | null }>('window.__kfDrag');
  if (popup.browser === 'chromium') {
    await popup.drag(await popup.evaluate(middleOf(from)), await popup.evaluate(middleOf(onto)));
  } else {
    const start = await screenPointOf(display, popup, titleElement(from));
    const end = await screenPointOf(display, popup, titleElement(onto));
    await dragWithPointer(display, start, end, {
      what: `${from} dropped onto ${onto}`,
      dropAccepted: async () => {
        const drag = await dragged();
        return drag.started === from && drag.accepting === onto;
      },
    });
  }
  expect(await dragged(), 'where the drag started and last could drop').toEqual({
    started: from,
    accepting: onto,
  });
}

describePopupSuite('moving accounts by hand in %s', ({ browserName, withVault }) => {
  it('moves rows by dragging and by Alt+Arrow keys, and a new popup keeps the order', async () => {
    const { browser } = await withVault(browserName === 'firefox' ? { display: display.name } : {});
    const accounts = makeNamedAccounts(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    const [a, b, c, d] = accounts.map((account) => account.issuer) as [
      string,
      string,
      string,
      string,
    ];
    await importAccounts(browser, accounts);

    let popup = await browser.openPopup();
    await popup.readCodes(accounts.length);
    await popup.select('Sort', 'manual');
    await waitForOrder(popup, [a, b, c, d], 'the import order, by hand');
    // Rows can be dragged once the drag code is in: it loads after the list is painted.
    await waitFor(
      () =>
        popup.evaluate<boolean>(
          `[...document.querySelectorAll('li[data-account-id]')].every((row) => row.draggable)`,
        ),
      { what: 'every row to be draggable' },
    );
    // The backup reminder comes in above the list after it: rows are measured once it shows.
    await popup.waitForText('You have never backed up');

    // Down: Alpha dropped onto Charlie takes Charlie's place.
    await dragRow(popup, a, c);
    await waitForOrder(popup, [b, c, a, d], 'Alpha dragged onto Charlie');
    // Up: Delta dropped onto Bravo, at the top.
    await dragRow(popup, d, b);
    await waitForOrder(popup, [d, b, c, a], 'Delta dragged onto Bravo');
    expect(await focusedTitle(popup), 'the focus follows the moved row').toBe(d);

    // Keys: Alt+ArrowDown twice on Delta, then ArrowUp to Charlie and Alt+ArrowUp on it.
    await popup.pressKeys('Alt+ArrowDown');
    await waitForOrder(popup, [b, d, c, a], 'Delta one down');
    await popup.pressKeys('Alt+ArrowDown');
    await waitForOrder(popup, [b, c, d, a], 'Delta two down');
    expect(await focusedTitle(popup)).toBe(d);
    await popup.key('ArrowUp');
    await waitFor(async () => (await focusedTitle(popup)) === c, { what: 'focus on Charlie' });
    await popup.pressKeys('Alt+ArrowUp');
    await waitForOrder(popup, [c, b, d, a], 'Charlie one up');
    expect(await focusedTitle(popup)).toBe(c);

    // A new popup lists them in the order they were moved to, still sorted by hand.
    await popup.close();
    popup = await browser.openPopup();
    await popup.readCodes(accounts.length);
    await waitForOrder(popup, [c, b, d, a], 'the order kept in a new popup');
    expect(await popup.evaluate<string>(`document.querySelector('.sort-menu select').value`)).toBe(
      'manual',
    );
  });
});
