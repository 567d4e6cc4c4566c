import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAccounts, otpauthUri } from './support/accounts';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import { expectCurrentCode, startSession } from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import type { PopupPage } from './support/popup-page';
import { startSignInCopy, type SignInCopy } from './support/sign-in-copy';
import { waitFor } from './support/wait';

// "Use on this site" (docs/architecture.md §3 rule 6): an account added by URI, with no site
// of its own, is linked from the action popup to the exact origin of the page in front, and
// the popup's Fill then fills that page's code field. Chromium opens the real action popup
// (clickAction). Firefox's stand-in is the popup page in a tab behind the page, loaded again
// once the page is back in front (askAboutThePageInFront); it is skipped for now (see below).

let page: SignInCopy;

beforeAll(async () => {
  page = await startSignInCopy();
});

afterAll(async () => {
  await page?.stop();
});

afterEach(async () => {
  await disposeAllDrivers();
});

/**
 * Firefox's popup stand-in opens as a tab before the page is brought back to the front, so its
 * first question about the active tab may find itself in front and be told of no page (the
 * flake the popup test in sign-in-fill.e2e.test.ts skips Firefox for). Loaded again behind the
 * page, it asks about the page, as the real popup opened over it does.
 */
async function askAboutThePageInFront(popup: PopupPage): Promise<void> {
  await popup.evaluate('window.__kfBeforeReload = true; setTimeout(() => location.reload(), 0)');
  await waitFor(
    () =>
      popup.evaluate<boolean>(
        `window.__kfBeforeReload === undefined && !!document.querySelector('#app')?.hasChildNodes()`,
      ),
    { what: 'the popup stand-in to load again' },
  );
  await popup.waitForState(['unlocked']);
}

describe.each(selectedBrowsers())('"Use on this site" in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  // Chromium only for now. Firefox's stand-in popup is a tab behind the page; there each
  // press in it took 8 to 32 s (timers and frames of a background tab are throttled), 72 s for
  // the test on an idle machine, too close to the test timeout on a busy one. The binding is
  // the same code in both browsers: src/background/sign-in-fill.test.ts and
  // src/ui/pages/active-tab.test.tsx cover it through the real background.
  it.skipIf(browserName === 'firefox')(
    'links an account added by URI to the page in front, whose code Fill then fills',
    async () => {
      const session = await startSession(browserName, dist);
      const { byUri } = makeTestAccounts();
      await session.console.addByUri(otpauthUri(byUri));
      const name = `${byUri.issuer} (${byUri.account})`;

      const signIn = await session.browser.openPage(page.url);
      await signIn.bringToFront();
      const popup = await session.browser.clickAction(signIn.url());
      if (browserName !== 'chromium') await askAboutThePageInFront(popup);
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
    },
  );
});
