import { afterEach, beforeAll, describe } from 'vitest';
import { otpauthUri, type TestAccount } from './accounts';
import { chooseFile } from './backup-steps';
import { disposeAllDrivers, type WindowOptions } from './driver';
import { e2eDist } from './e2e-build';
import { launchEnrollmentBrowser, type EnrollmentBrowser } from './enrollment-browser';
import { selectedBrowsers, type BrowserName } from './env';
import type { PopupPage } from './popup-page';
import { waitFor } from './wait';

// The setup the popup's own tests share (language, next code, organise, order, long list):
// one suite per selected browser over its e2e build, a fresh browser with a new vault per
// test, and accounts brought in as a person would (or, for long lists, as the import does).

/** The passphrase of every vault these suites create. */
export const SUITE_PASSPHRASE = 'correct horse battery staple';

/** A fresh browser whose popup has just created a vault. */
export interface BrowserWithVault {
  browser: EnrollmentBrowser;
  popup: PopupPage;
}

/** What a suite's body gets for its browser. */
export interface PopupSuite {
  browserName: BrowserName;
  /**
   * Launches a fresh browser (headless, or with real windows on `display`) and creates a vault
   * in its popup; closed after the test.
   */
  withVault(options?: WindowOptions): Promise<BrowserWithVault>;
}

/**
 * `describe(title)` once per selected browser (`%s` in `title` names it), with that browser's
 * build read before the tests and every browser closed after each test.
 */
export function describePopupSuite(title: string, body: (suite: PopupSuite) => void): void {
  afterEach(async () => {
    await disposeAllDrivers();
  });
  describe.each(selectedBrowsers())(title, (browserName) => {
    let dist: string;
    beforeAll(() => {
      dist = e2eDist(browserName);
    }, 120_000);
    body({
      browserName,
      async withVault(options) {
        const browser = await launchEnrollmentBrowser(browserName, dist, options);
        const popup = await browser.openPopup();
        await popup.createVault(SUITE_PASSPHRASE);
        return { browser, popup };
      },
    });
  });
}

/**
 * Imports `accounts` as one otpauth list through the options page's "Import from a file", so
 * they land in the vault in this order.
 */
export async function importAccounts(
  browser: EnrollmentBrowser,
  accounts: readonly TestAccount[],
): Promise<void> {
  const options = await browser.openExtensionTab('options.html#backup');
  await chooseFile(options, 'Import from a file', {
    name: 'accounts.txt',
    type: 'text/plain',
    base64: Buffer.from(accounts.map((x) => otpauthUri(x)).join('\n'), 'utf8').toString('base64'),
  });
  const count = accounts.length;
  await options.waitForText(`Found ${count} accounts`);
  await options.press(`Import ${count} accounts`);
  await options.waitForText(`Imported ${count} accounts.`);
}

/**
 * Imports `accounts` the fast way, for lists too long to bring in through the page: the
 * requests the options page's import sends (previewImport, then commitImport of every
 * account), sent from the extension page `page`. Resolves how many were added.
 */
export function importAccountsByMessage(
  page: PopupPage,
  accounts: readonly TestAccount[],
): Promise<number> {
  const data = Buffer.from(accounts.map((x) => otpauthUri(x)).join('\n'), 'utf8');
  return page.evaluate<number>(`(async () => {
    const send = async (name, data) => {
      const message = { keyfob: 1, name, data };
      const reply = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(message);
      if (!reply?.ok) throw new Error(name + ': ' + (reply?.error?.code ?? 'no reply'));
      return reply.value;
    };
    const data = ${JSON.stringify(data.toString('base64'))};
    const preview = await send('previewImport', { name: 'accounts.txt', data });
    const selected = preview.accounts.map((_, index) => index);
    return (await send('commitImport', { importId: preview.importId, selected })).added;
  })()`);
}

/** The titles (issuers) of the account rows drawn in `popup`, top to bottom. */
export const rowTitles = (popup: PopupPage) =>
  popup.evaluate<string[]>(
    `Array.from(document.querySelectorAll('li[data-account-id] .account-title')).map((e) => e.textContent)`,
  );

/** Waits until the rows' titles read `expected`, top to bottom; the error says what they read. */
export async function waitForOrder(popup: PopupPage, expected: string[], what: string) {
  let shown: string[] = [];
  await waitFor(
    async () => {
      shown = await rowTitles(popup);
      return JSON.stringify(shown) === JSON.stringify(expected) ? true : undefined;
    },
    { timeoutMs: 20_000, what },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; the rows read ${JSON.stringify(shown)}`);
  });
}
