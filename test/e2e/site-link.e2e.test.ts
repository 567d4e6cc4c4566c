import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAccounts, otpauthUri } from './support/accounts';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import { expectCurrentCode, startSession } from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { startSignInCopy, type SignInCopy } from './support/sign-in-copy';
import { openPopupByShortcut } from './support/real-popup';
import { startXDisplay, type XDisplay } from './support/x-display';

// "Use on this site" (docs/architecture.md §3 rule 6): an account added by URI, with no site
// of its own, is linked from the action popup to the exact origin of the page in front, and
// the popup's Fill then fills that page's code field. Chromium opens the real action popup
// (clickAction). Firefox opens it too, by the person's shortcut on a private X display, and
// the test presses its buttons through the popup's window (support/real-popup.ts), since
// automation has no handle on Firefox's popup panel.

let page: SignInCopy;
let display: XDisplay | undefined;

beforeAll(async () => {
  page = await startSignInCopy();
  if (selectedBrowsers().includes('firefox')) display = await startXDisplay();
}, 60_000);

afterAll(async () => {
  await Promise.all([page?.stop(), display?.stop()]);
});

afterEach(async () => {
  await disposeAllDrivers();
});

/** What the test does in the popup; the same steps in both browsers. */
interface PopupSteps {
  press(name: string): Promise<void>;
  waitForText(text: string): Promise<void>;
}

describe.each(selectedBrowsers())('"Use on this site" in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it('links an account added by URI to the page in front, whose code Fill then fills', async () => {
    const session = await startSession(
      browserName,
      dist,
      browserName === 'firefox' ? { display: display!.name } : {},
    );
    const { byUri } = makeTestAccounts();
    await session.console.addByUri(otpauthUri(byUri));
    const name = `${byUri.issuer} (${byUri.account})`;

    const signIn = await session.browser.openPage(page.url);
    await signIn.bringToFront();
    let popup: PopupSteps;
    if (browserName === 'chromium') {
      popup = await session.browser.clickAction(signIn.url());
    } else {
      popup = await openPopupByShortcut(display!, signIn, session.console);
    }
    await popup.press(`Edit ${name}`);
    await popup.press('Use on this site');
    // The question names the exact origin (scheme, host and port) before anything is linked.
    await popup.waitForText(`Use ${name} on ${page.origin}?`);
    await popup.press(`Use on ${page.origin}`);
    await popup.waitForText(`Linked to ${page.origin}`);

    const field = () => signIn.evaluate<string>(`document.getElementById('kf-otp').value`);
    // Automatic fill is off: the field stays empty until the person presses Fill.
    expect(await field()).toBe('');
    const pressedAt = Date.now();
    await popup.press(`Fill code for ${name}`);
    await popup.waitForText('Filled');
    expectCurrentCode(await field(), byUri.secret, pressedAt);
  });
});
