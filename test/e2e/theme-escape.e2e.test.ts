import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAccounts, otpauthUri } from './support/accounts';
import { disposeAllDrivers, launchDriver } from './support/launch';
import { e2eDist } from './support/e2e-build';
import { selectedBrowsers } from './support/env';
import type { PopupPage } from './support/popup-page';
import { waitFor } from './support/wait';

// The Theme setting and Escape, through the built extension in each browser.

const PASSPHRASE = 'correct horse battery staple';
/** --bg of each palette in popup.css, as computed styles give it. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 25, 29)' };

afterEach(async () => {
  await disposeAllDrivers();
});

/** The page's theme attribute and the background colour it is drawn in. */
function drawn(page: PopupPage): Promise<{ theme: string | null; background: string }> {
  return page.evaluate(`({
    theme: document.documentElement.getAttribute('data-theme'),
    background: getComputedStyle(document.body).backgroundColor,
  })`);
}

async function waitForBackground(page: PopupPage, colour: string): Promise<void> {
  await waitFor(async () => (await drawn(page)).background === colour || undefined, {
    what: `the page to be drawn on ${colour}`,
  });
}

/** Waits until the list of accounts shows (the add and edit views are gone). */
async function waitForList(page: PopupPage): Promise<void> {
  await waitFor(
    () =>
      page.evaluate<boolean>(`!!document.querySelector('ul[aria-label="Accounts"]') || undefined`),
    { what: 'the account list' },
  );
}

describe.each(selectedBrowsers())('theme and Escape in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it('the Theme setting changes the colours of the options page and the popup, and stays', async () => {
    const driver = await launchDriver(browserName, { dist });
    const popup = await driver.openPopup();
    await popup.createVault(PASSPHRASE);

    const options = await driver.openExtensionTab('options.html');
    await options.waitForText('Appearance');
    await options.choose('Theme', 'light');
    await waitForBackground(options, BACKGROUND.light);
    await options.choose('Theme', 'dark');
    await waitForBackground(options, BACKGROUND.dark);
    expect((await drawn(options)).theme).toBe('dark');

    // Reopened, both pages start dark: the choice was saved, not only shown.
    await options.close();
    await popup.close();
    const again = await driver.openPopup();
    expect(await drawn(again)).toEqual({ theme: 'dark', background: BACKGROUND.dark });
    const reopened = await driver.openExtensionTab('options.html');
    await waitForBackground(reopened, BACKGROUND.dark);
    await reopened.waitForText('Appearance');
    await waitFor(
      () =>
        reopened.evaluate<boolean>(
          `Array.from(document.querySelectorAll('select')).some((s) => s.value === 'dark') || undefined`,
        ),
      { what: 'the Theme select to show Dark' },
    );

    await reopened.choose('Theme', 'light');
    await waitForBackground(reopened, BACKGROUND.light);
  });

  it('Escape cancels Add, Edit and the delete question', async () => {
    const driver = await launchDriver(browserName, { dist });
    const popup = await driver.openPopup();
    await popup.createVault(PASSPHRASE);
    const { byUri } = makeTestAccounts();
    await popup.addByUri(otpauthUri(byUri));
    const name = `${byUri.issuer} (${byUri.account})`;

    await popup.press('Add account');
    await popup.fill('otpauth URI', otpauthUri(makeTestAccounts().byUri));
    await popup.key('Escape');
    await waitForList(popup);
    expect((await popup.readCodes(1)).rows).toHaveLength(1);

    await popup.press(`Edit ${name}`);
    await popup.fill('Account', 'renamed');
    await popup.key('Escape');
    await waitForList(popup);
    expect((await popup.readCodes(1)).rows[0]!.text).toContain(byUri.account);

    await popup.press(`Edit ${name}`);
    await popup.press('Delete');
    await popup.waitForText('Its secret is erased');
    await popup.key('Escape');
    await waitFor(
      async () =>
        !(await popup.evaluate<string>('document.body.innerText')).includes(
          'Its secret is erased',
        ) || undefined,
      { what: 'the delete question to close' },
    );
    expect(await popup.evaluate<string>('document.body.innerText')).toContain(`Edit ${name}`);
    await popup.key('Escape');
    await waitForList(popup);
    expect((await popup.readCodes(1)).rows).toHaveLength(1);
  });
});
