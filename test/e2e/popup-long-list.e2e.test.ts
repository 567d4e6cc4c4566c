import { expect, it } from 'vitest';
import { acceptableCodes } from '../support/totp-oracle';
import { makeTestAccounts, type TestAccount } from './support/accounts';
import type { PopupPage } from './support/popup-page';
import { describePopupSuite, importAccountsByMessage } from './support/popup-suite';
import { waitFor } from './support/wait';

// A thousand accounts in the real popup: the list draws only the rows near view, yet
// scrolling reaches the last one with its code, search finds one far down and copies its code
// (read back from the browser's clipboard and checked against the TOTP oracle), every drawn
// row tells a screen reader the list's length and its own place, and nothing scrolls sideways.

const COUNT = 1_000;
/**
 * The most rows the popup may have in its page. It shows about ten (at most 600 px of rows
 * about 57 px high), draws 240 px more above and below, and keeps the focused row: a few
 * dozen at most, far from all of them.
 */
const MOST_DRAWN = 50;

/** What the popup draws, read in one go. */
interface Drawn {
  rows: {
    title: string;
    posinset: number;
    setsize: number;
    code: string | null;
    inView: boolean;
  }[];
  /** Pixels the list or the page could scroll sideways. */
  sidewaysPx: number;
}

const READ_DRAWN = `(() => {
  const list = document.querySelector('main');
  const view = list.getBoundingClientRect();
  const page = document.scrollingElement;
  const rows = [...document.querySelectorAll('li[data-account-id]')].map((row) => {
    const box = row.getBoundingClientRect();
    return {
      title: row.querySelector('.account-title')?.textContent ?? '',
      posinset: Number(row.getAttribute('aria-posinset')),
      setsize: Number(row.getAttribute('aria-setsize')),
      code: row.querySelector('[data-testid="code"]')?.getAttribute('data-code') ?? null,
      inView: box.top >= view.top && box.bottom <= view.bottom,
    };
  });
  return {
    rows,
    sidewaysPx: Math.max(list.scrollWidth - list.clientWidth, page.scrollWidth - page.clientWidth),
  };
})()`;

/**
 * Checks what is drawn: a bounded number of rows in the list's order, each at the place
 * `aria-posinset` gives of `COUNT` (`aria-setsize`), and no sideways scrolling.
 */
function expectDrawnInPlace(drawn: Drawn, accounts: readonly TestAccount[]): void {
  expect(drawn.rows.length).toBeGreaterThan(0);
  expect(drawn.rows.length, 'rows in the page').toBeLessThanOrEqual(MOST_DRAWN);
  for (const row of drawn.rows) {
    expect(row.setsize, `aria-setsize of ${row.title}`).toBe(COUNT);
    expect(row.title, `the account at aria-posinset ${row.posinset}`).toBe(
      accounts[row.posinset - 1]?.issuer,
    );
  }
  const places = drawn.rows.map((row) => row.posinset);
  expect(places, 'rows drawn in the list order').toEqual([...places].sort((x, y) => x - y));
  expect(drawn.sidewaysPx, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

/** Waits until the drawn rows show `want` and every one of them has its code. */
function waitForDrawn(popup: PopupPage, want: (drawn: Drawn) => boolean, what: string) {
  return waitFor(
    async () => {
      const drawn = await popup.evaluate<Drawn>(READ_DRAWN);
      return drawn.rows.length > 0 && drawn.rows.every((row) => row.code) && want(drawn)
        ? drawn
        : undefined;
    },
    { timeoutMs: 30_000, what },
  );
}

/**
 * Waits until `account`'s row, in view, shows the code the oracle gives for the moment of the
 * read; resolves when the read began. A read just after a step boundary may still see the
 * last step's code (the popup switches on its own timer): it is read again, for a few seconds.
 */
async function waitForOracleCode(popup: PopupPage, account: TestAccount): Promise<number> {
  let shown: string | null | undefined;
  return waitFor(
    async () => {
      const beforeMs = Date.now();
      const drawn = await popup.evaluate<Drawn>(READ_DRAWN);
      shown = drawn.rows.find((row) => row.title === account.issuer && row.inView)?.code;
      const expected = acceptableCodes({ secret: account.secret }, beforeMs, Date.now());
      return shown && expected.has(shown) ? beforeMs : undefined;
    },
    { timeoutMs: 10_000, what: `${account.issuer}'s row to show the oracle's code` },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; it showed ${shown}`);
  });
}

describePopupSuite('a long list in %s', ({ withVault }) => {
  it(`${COUNT} accounts: few rows drawn, the last reached, one found and copied`, async () => {
    const { browser, popup: first } = await withVault();
    // Numbered issuers, so a row's title says where it belongs; random names for search.
    const accounts = Array.from({ length: COUNT }, (_, index) => {
      const account = makeTestAccounts().byUri;
      return { ...account, issuer: `${String(index + 1).padStart(4, '0')} ${account.issuer}` };
    });
    expect(await importAccountsByMessage(first, accounts)).toBe(COUNT);
    await first.close();

    const popup = await browser.openPopup();
    await popup.select('Sort', 'manual');
    const top = await waitForDrawn(popup, () => true, 'the first rows, with their codes');
    expectDrawnInPlace(top, accounts);
    expect(top.rows[0]?.posinset, 'the list opens at its top').toBe(1);

    // Scrolled to the end (as dragging the scroll bar down does), the last account shows.
    const lastAccount = accounts[COUNT - 1]!;
    await popup.evaluate(`(() => {
      const list = document.querySelector('main');
      list.scrollTop = list.scrollHeight;
    })()`);
    const end = await waitForDrawn(
      popup,
      (drawn) => drawn.rows.some((row) => row.posinset === COUNT && row.inView),
      'the last row in view, with its code',
    );
    expectDrawnInPlace(end, accounts);
    await waitForOracleCode(popup, lastAccount);

    // Search for an account far down the list by its name, and copy its code.
    const wanted = accounts[COUNT - 103]!;
    await popup.fill('Search', wanted.account);
    await waitForDrawn(
      popup,
      (drawn) => drawn.rows.length === 1 && drawn.rows[0]!.title === wanted.issuer,
      `only ${wanted.issuer} found`,
    );
    const shownAt = await waitForOracleCode(popup, wanted);
    await popup.press(`Copy code for ${wanted.issuer} ${wanted.account}`);
    // The clipboard itself, not the "Copied" that shows for a moment.
    const copied = await waitFor(
      async () => {
        const text = await browser.readClipboard();
        return /^\d{6}$/.test(text) ? text : undefined;
      },
      { what: 'a code on the clipboard' },
    );
    const expected = acceptableCodes({ secret: wanted.secret }, shownAt, Date.now());
    expect([...expected], `the code copied for ${wanted.issuer}`).toContain(copied);
  });
});
