import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCodesMatch,
  makeTestAccounts,
  otpauthUri,
  type TestAccount,
} from './support/accounts';
import {
  catchDownloads,
  chooseFile,
  migrationUri,
  qrPng,
  serveQrPage,
  takeDownload,
} from './support/backup-steps';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import { launchEnrollmentBrowser } from './support/enrollment-browser';
import { selectedBrowsers } from './support/env';

// Backup & import as a person uses them: the options page's "Backup & import" and the
// popup's "Scan QR code on this page", in the e2e build of each browser.

const PASS_A = 'correct horse battery staple';
const PASS_B = 'a different passphrase for profile B';
const BACKUP = 'options.html#backup';

afterEach(async () => {
  await disposeAllDrivers();
});

describe.each(selectedBrowsers())('backup and import in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  const freshVault = async (passphrase: string) => {
    const browser = await launchEnrollmentBrowser(browserName, dist);
    const popup = await browser.openPopup();
    await popup.createVault(passphrase);
    return { browser, popup };
  };

  it('restores a backup made in profile A into a new profile B, which shows the same codes', async () => {
    const a = await freshVault(PASS_A);
    const { byUri, manual } = makeTestAccounts();
    await a.popup.addByUri(otpauthUri(byUri));
    await a.popup.addManually(manual);
    const accounts = [byUri, manual];

    const optionsA = await a.browser.openExtensionTab(BACKUP);
    await catchDownloads(optionsA);
    await optionsA.fill('Vault passphrase', PASS_A);
    await optionsA.press('Save backup');
    const file = await takeDownload(optionsA);
    expect(file.name).toMatch(/^keyfob-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    for (const account of accounts) {
      expect(text).not.toContain(account.secret);
      expect(text).not.toContain(account.account);
    }
    await a.browser.dispose();

    const b = await freshVault(PASS_B);
    const optionsB = await b.browser.openExtensionTab(BACKUP);
    await chooseFile(optionsB, 'Import from a file', { ...file, type: 'application/json' });
    await optionsB.waitForText('This file is encrypted');
    await optionsB.fill('File password', PASS_B);
    await optionsB.press('Open file');
    await optionsB.waitForText('That password does not open this file.', 90_000);
    // The same file, without choosing it again.
    await optionsB.fill('File password', PASS_A);
    await optionsB.press('Open file');
    await optionsB.waitForText('Found 2 accounts', 90_000);
    await optionsB.press('Import 2 accounts');
    await optionsB.waitForText('Imported 2 accounts.');

    await expectCodesMatch(await b.browser.openPopup(), accounts);
  });

  it('imports an otpauth list file (TOTP, HOTP and Steam; blank lines, CRLF) and a Google Authenticator export image', async () => {
    const { browser } = await freshVault(PASS_A);
    const first = makeTestAccounts();
    const listed: TestAccount[] = [
      first.byUri,
      { ...first.manual, type: 'hotp', counter: 5 },
      { ...makeTestAccounts().byUri, issuer: 'Steam', type: 'steam' },
    ];
    const exported = Object.values(makeTestAccounts());
    const options = await browser.openExtensionTab(BACKUP);

    // As Windows tools write lists: CRLF line ends, blank lines, stray spaces around links.
    const list = `\r\n  ${listed.map((account) => otpauthUri(account)).join('  \r\n\r\n')}\r\n \r\n`;
    await chooseFile(options, 'Import from a file', {
      name: 'accounts.txt',
      type: 'text/plain',
      base64: Buffer.from(list, 'utf8').toString('base64'),
    });
    await options.waitForText('Found 3 accounts');
    await options.waitForText('Steam · 5 characters');
    await options.waitForText('HOTP · 6 digits');
    await options.press('Import 3 accounts');
    await options.waitForText('Imported 3 accounts.');

    // The QR image is decoded in the background by zxing-wasm, under the extension's CSP.
    await chooseFile(options, 'Import from an image', await qrPng(migrationUri(exported)));
    await options.waitForText('Found 2 accounts');
    await options.press('Import 2 accounts');
    await options.waitForText('Imported 2 accounts.');

    await expectCodesMatch(await browser.openPopup(), [...listed, ...exported]);
  });

  it('"Scan QR code on this page" reads both QR codes of a page', async () => {
    const { browser } = await freshVault(PASS_A);
    const accounts = Object.values(makeTestAccounts());
    const page = await serveQrPage(accounts.map((account) => otpauthUri(account)));
    try {
      await browser.openPage(page.url);
      // Chromium: the real popup over the page. Firefox: the popup's page in a tab behind it,
      // after the browser's own toolbar-click code granted activeTab (see clickAction).
      const popup = await browser.clickAction(page.url);
      await popup.press('Scan QR code on this page');
      await popup.waitForText('Found 2 accounts');
      await popup.press('Import 2 accounts');
      await expectCodesMatch(popup, accounts);
    } finally {
      page.close();
    }
  });
});
