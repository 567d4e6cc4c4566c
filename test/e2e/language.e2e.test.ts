import { expect, it } from 'vitest';
import type { PopupPage } from './support/popup-page';
import { SUITE_PASSPHRASE, describePopupSuite } from './support/popup-suite';
import { waitFor } from './support/wait';

// Issue 10: the Language setting. The browsers run in English; choosing Deutsch on the options
// page shows the options page, and every popup opened after, in German, until changed back.

/**
 * Picks `value` in the select labelled `label`, as a person's choice would (a change event).
 * Waits for the select: the Language card shows it only once the stored choice has been read,
 * after the page's heading is already there.
 */
async function choose(page: PopupPage, label: string, value: string): Promise<void> {
  await waitFor(
    () =>
      page.evaluate<boolean>(`(() => {
        const label = Array.from(document.querySelectorAll('label'))
          .find((el) => el.textContent.trim() === ${JSON.stringify(label)});
        const select = label && document.getElementById(label.htmlFor);
        if (!select) return false;
        select.value = ${JSON.stringify(value)};
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      })()`),
    { timeoutMs: 15_000, what: `a select labelled ${JSON.stringify(label)}` },
  );
}

/**
 * Waits for `text` on a page that loads itself again on the way (the language change): a read
 * that meets the reload is simply tried again.
 */
async function waitThroughReload(page: PopupPage, text: string): Promise<void> {
  await waitFor(
    async () => {
      const shown = await page.evaluate<string>('document.body.innerText').catch(() => '');
      return shown.includes(text) || undefined;
    },
    { timeoutMs: 30_000, what: `the page to show ${JSON.stringify(text)} after reloading` },
  );
}

const documentLanguage = (page: PopupPage) =>
  page.evaluate<string>('document.documentElement.lang');

describePopupSuite('language setting in %s', ({ withVault }) => {
  it('Deutsch turns the options page and the popup German, and stays on reopening', async () => {
    const { browser, popup: first } = await withVault();
    await first.waitForText('Add account');
    expect(await documentLanguage(first)).toBe('en');

    const options = await browser.openExtensionTab('options.html');
    await options.waitForText('Keyfob options');
    await choose(options, 'Language of Keyfob', 'de');
    // The page loads again in German.
    await waitThroughReload(options, 'Keyfob-Einstellungen');
    await options.waitForText('Sprache von Keyfob');
    expect(await documentLanguage(options)).toBe('de');
    expect(await options.evaluate<string>('document.body.innerText')).not.toContain(
      'Keyfob options',
    );

    const popup = await browser.openPopup();
    await popup.waitForText('Konto hinzufügen');
    expect(await documentLanguage(popup)).toBe('de');
    await popup.press('Sperren');
    await popup.waitForText('Keyfob ist gesperrt');

    // A popup opened later is still German: the choice is stored, not held by a page.
    const again = await browser.openPopup();
    await again.waitForText('Keyfob ist gesperrt');
    await again.fill('Passphrase', SUITE_PASSPHRASE);
    await again.press('Entsperren');
    await again.waitForText('Konto hinzufügen');

    // "Wie der Browser" brings back the browser's own language, English here.
    await choose(options, 'Sprache von Keyfob', 'browser');
    await waitThroughReload(options, 'Keyfob options');
    const english = await browser.openPopup();
    await english.waitForText('Add account');
    expect(await documentLanguage(english)).toBe('en');
  });
});

describePopupSuite('a stale copy of the language setting in %s', ({ withVault }) => {
  it('a popup that starts from it loads again in the language the setting names', async () => {
    const { browser, popup } = await withVault();
    await popup.waitForText('Add account');
    // The setting is the browser's language (English here); the pages' copy of it says German,
    // as a copy the setting's last change could not reach would.
    await popup.evaluate(`(localStorage.setItem('keyfob.language', 'de'), true)`);

    const stale = await browser.openPopup();
    await waitThroughReload(stale, 'Add account');
    expect(await documentLanguage(stale)).toBe('en');
    // The copy follows the setting again, so the next popup starts right.
    expect(await stale.evaluate<string>(`localStorage.getItem('keyfob.language')`)).toBe('browser');
  });
});
