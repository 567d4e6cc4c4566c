import { afterEach, expect, it } from 'vitest';
import type { TestAccount } from './accounts';
import { expectCodesMatch, makeTestAccounts, otpauthUri } from './accounts';
import { plantCanaryFile, randomCanary } from './canary';
import type { BrowserName } from './env';
import type { ExtensionDriver, LaunchOptions } from './launch';
import { disposeAllDrivers, launchDriver } from './launch';
import type { PopupPage } from './popup-page';
import type { Needle, ScanHit, ScanReport } from './scan';
import { formatHits, scanForSecrets, secretNeedles, stringNeedles } from './scan';
import { totp } from '../../support/totp-oracle';

// The vault as a user meets it (popup contract: test/e2e/README.md). Defined once, run in
// every browser against Keyfob's build (vault.e2e.test.ts) and against the fake extension
// that proves the harness (fake-extension.e2e.test.ts).

const PASSPHRASE = 'correct horse battery staple';
const WRONG_PASSPHRASE = 'correct horse battery stapler';

/** A browser with a vault holding the test accounts, and an open popup. */
export interface VaultFixture {
  driver: ExtensionDriver;
  popup: PopupPage;
  accounts: TestAccount[];
}

/** A fresh browser with a new vault holding one account added by URI and one by hand. */
export async function vaultWithTwoAccounts(
  browserName: BrowserName,
  options: LaunchOptions = {},
): Promise<VaultFixture> {
  const driver = await launchDriver(browserName, options);
  const popup = await driver.openPopup();
  await popup.createVault(PASSPHRASE);
  const { byUri, manual } = makeTestAccounts();
  await popup.addByUri(otpauthUri(byUri));
  await popup.addManually({
    issuer: manual.issuer,
    account: manual.account,
    secret: manual.secret,
  });
  return { driver, popup, accounts: [byUri, manual] };
}

/** Codes the oracle gives right now, for checking that none of them is left in the DOM. */
function currentCodes(accounts: TestAccount[]): string[] {
  const now = Date.now();
  return accounts.flatMap((a) => [totp(a, now - 30_000), totp(a, now), totp(a, now + 30_000)]);
}

async function expectNoCodes(popup: PopupPage, accounts: TestAccount[]): Promise<void> {
  expect(await popup.codesInDom()).toEqual([]);
  const html = await popup.html();
  for (const code of currentCodes(accounts)) expect(html).not.toContain(code);
}

/**
 * Registers the vault scenarios for one browser. `options.dist` swaps the extension under
 * test (the fake used to prove the harness).
 */
export function defineVaultScenarios(browserName: BrowserName, options: LaunchOptions = {}): void {
  afterEach(async () => {
    await disposeAllDrivers();
  });
  const setUp = () => vaultWithTwoAccounts(browserName, options);

  it('shows codes equal to an independent RFC 6238 computation, for accounts added by URI and by hand', async () => {
    const { driver, popup, accounts } = await setUp();
    await expectCodesMatch(popup, accounts);

    // The popup is given labels and codes, never secrets.
    const html = await popup.html();
    for (const account of accounts) {
      expect(html).not.toContain(account.secret);
      expect(html.toLowerCase()).not.toContain(account.secret.toLowerCase());
    }

    // Reopening the popup in the same session needs no passphrase.
    await popup.close();
    const again = await driver.openPopup();
    expect(await again.waitForState(['unlocked', 'locked', 'first-run'])).toBe('unlocked');
    await expectCodesMatch(again, accounts);
  });

  it('hides codes when locked, refuses a wrong passphrase with an alert and no damage, and unlocks with the right one', async () => {
    const { driver, popup, accounts } = await setUp();
    await expectCodesMatch(popup, accounts);

    await popup.lock();
    await expectNoCodes(popup, accounts);
    await popup.close();

    const reopened = await driver.openPopup();
    expect(await reopened.waitForState(['unlocked', 'locked', 'first-run'])).toBe('locked');
    await expectNoCodes(reopened, accounts);

    const wrong = await reopened.tryUnlock(WRONG_PASSPHRASE);
    expect(wrong.state).toBe('locked');
    expect(wrong.alert, 'a wrong passphrase must raise a role="alert" message').toBeTruthy();
    expect(wrong.alert).not.toContain(WRONG_PASSPHRASE);
    await expectNoCodes(reopened, accounts);

    await reopened.unlock(PASSPHRASE);
    const reading = await expectCodesMatch(reopened, accounts);
    expect(reading.rows).toHaveLength(accounts.length);
  });

  if (browserName === 'chromium') {
    it('stays unlocked when the service worker is stopped and restarted', async () => {
      const { driver, popup, accounts } = await setUp();
      await expectCodesMatch(popup, accounts);
      const before = await driver.serviceWorkerInstance!();
      await popup.close();

      await driver.stopServiceWorker!();
      expect(await driver.serviceWorkerStatus!()).toBe('stopped');

      const reopened = await driver.openPopup();
      expect(await reopened.waitForState(['unlocked', 'locked', 'first-run'])).toBe('unlocked');
      await expectCodesMatch(reopened, accounts);
      // The codes came from a new worker instance, not from the one that was stopped.
      expect(await driver.serviceWorkerInstance!()).not.toBe(before);
    });

    it('is locked after the browser restarts, and opens with the passphrase', async () => {
      const { driver, popup, accounts } = await setUp();
      await expectCodesMatch(popup, accounts);

      await driver.restart!();
      const reopened = await driver.openPopup();
      expect(await reopened.waitForState(['unlocked', 'locked', 'first-run'])).toBe('locked');
      await expectNoCodes(reopened, accounts);

      await reopened.unlock(PASSPHRASE);
      await expectCodesMatch(reopened, accounts);
    });
  }

  it('writes no secret, account name or issuer in clear anywhere in the profile', async () => {
    const fixture = await setUp();
    const scan = await closeAndScan(fixture);
    expect(scan.leaks, `clear-text leaks on disk:\n${formatHits(scan.leaks)}`).toEqual([]);
  });
}

/** What {@link closeAndScan} found. */
export interface ProfileScan {
  report: ScanReport;
  /** Hits of the accounts' secrets, names, issuers and URIs. */
  leaks: ScanHit[];
}

/**
 * Exercises the vault a little more (lock, unlock), closes the browser and searches the
 * whole profile for every form of the accounts' secrets, names, issuers and URIs. Asserts
 * the controls: the extension's data is inside the profile, and a needle planted in the
 * profile is found (so that "no leaks" cannot come from a scan that sees nothing).
 */
export async function closeAndScan({
  driver,
  popup,
  accounts,
}: VaultFixture): Promise<ProfileScan> {
  await expectCodesMatch(popup, accounts);
  await popup.lock();
  await popup.unlock(PASSPHRASE);
  const ids = (await expectCodesMatch(popup, accounts)).rows.map((row) => row.id);
  await driver.close();

  expect(
    driver.extensionDataDirs().length,
    'extension data directories in the profile',
  ).toBeGreaterThan(0);
  const canary = randomCanary('planted');
  plantCanaryFile(driver.profileDir, canary);

  const needles: Needle[] = [
    ...stringNeedles('planted canary', canary),
    ...accounts.flatMap((a) => [
      ...secretNeedles(`secret of ${a.tag}`, a.secret, a.raw),
      ...stringNeedles(`account name ${a.account}`, a.account),
      ...stringNeedles(`issuer ${a.issuer}`, a.issuer),
      ...a.tokens.flatMap((token) => stringNeedles(`token ${token} of ${a.tag}`, token)),
      ...stringNeedles(`otpauth URI of ${a.tag}`, otpauthUri(a)),
    ]),
  ];
  const report = await scanForSecrets(driver.profileDir, needles);
  const leaks = report.hits.filter((hit) => !hit.needle.startsWith('planted canary'));
  const control = report.hits.filter((hit) => hit.needle.startsWith('planted canary'));
  console.log(
    `[scan] ${driver.name}: ${report.filesScanned} files, ` +
      `${(report.bytesScanned / 1e6).toFixed(1)} MB, ${report.snappyBlocks} Snappy streams, ` +
      `${leaks.length} leak hits`,
  );
  expect(report.unreadable).toEqual([]);
  expect(control.length, 'the scanner must find the canary planted in the profile').toBeGreaterThan(
    0,
  );

  // Information only: ids may stay in the clear (docs/architecture.md §3.1).
  const idHits = await scanForSecrets(
    driver.profileDir,
    ids.flatMap((id) => stringNeedles(`account id ${id}`, id)),
  );
  console.log(
    `[scan] ${driver.name}: account ids on disk: ${idHits.hits.length} hits\n${formatHits(idHits.hits)}`,
  );
  return { report, leaks };
}
