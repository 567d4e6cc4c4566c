import { expect, it } from 'vitest';
import { makeNamedAccounts, type TestAccount } from './support/accounts';
import { describePopupSuite, importAccounts, waitForOrder } from './support/popup-suite';

// Organising the popup's list in the real extension: pin to the top, sort (kept for the next
// popup), move a row with Alt+Arrow keys, delete and Undo. Moving by drag, and the hand order
// kept for the next popup: popup-order.e2e.test.ts.

/** `Name (account)`: the accessible name part of a row's buttons. */
const nameOf = (account: TestAccount) => `${account.issuer} (${account.account})`;

describePopupSuite('organising the popup in %s', ({ withVault }) => {
  it('pins, sorts, moves by keyboard, and undoes a delete', async () => {
    const { browser } = await withVault();

    // Issuers that sort differently by hand (import order) and by name.
    const accounts = makeNamedAccounts(['Charlie', 'Alpha', 'Bravo']);
    const [c, a, b] = accounts as [TestAccount, TestAccount, TestAccount];
    await importAccounts(browser, accounts);

    let popup = await browser.openPopup();
    await popup.readCodes(3);
    await waitForOrder(popup, [c.issuer, a.issuer, b.issuer], 'the import order');

    // Pin: Bravo goes to the top, and stays there in a new popup.
    await popup.press(`Pin ${nameOf(b)}`);
    await waitForOrder(popup, [b.issuer, c.issuer, a.issuer], 'Bravo pinned on top');

    // Keyboard: Alt+ArrowDown on Charlie's row moves it below Alpha, and says so.
    // The copy button is named by its content; found here by the row's title.
    const titleOf = 'el => el && el.closest("li")?.querySelector(".account-title")?.textContent';
    await popup.evaluate(
      `[...document.querySelectorAll('.account-copy')].find((b) => (${titleOf})(b) === ${JSON.stringify(c.issuer)}).focus()`,
    );
    await popup.pressKeys('Alt+ArrowDown');
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'Charlie moved down');
    const focused = await popup.evaluate<string | null>(
      `document.activeElement?.classList.contains('account-copy') ? (${titleOf})(document.activeElement) : null`,
    );
    expect(focused).toBe(c.issuer);

    // Sort by name, kept for the next popup.
    await popup.select('Sort', 'name');
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'sorted by name');
    await popup.close();
    popup = await browser.openPopup();
    await popup.readCodes(3);
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'the name sort kept');
    await popup.select('Sort', 'manual');
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'the hand order kept');

    // Delete Alpha in its edit view, then Undo from the bar below the list.
    await popup.press(`Edit ${nameOf(a)}`);
    await popup.press('Delete');
    await popup.press('Delete account');
    await waitForOrder(popup, [b.issuer, c.issuer], 'Alpha deleted');
    await popup.press('Undo');
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'Alpha back in its place');

    // Back for good: a new popup lists it with a working code.
    await popup.close();
    popup = await browser.openPopup();
    const reading = await popup.readCodes(3);
    expect(reading.rows.map((row) => row.text).join('\n')).toContain(a.issuer);
    await waitForOrder(popup, [b.issuer, a.issuer, c.issuer], 'the restored account listed');
  });
});
