import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { WebPage } from './support/enrollment-browser';
import type { ListedAccount } from './support/enrollment-popup';
import type { ClientPageFlow, RigFixture } from './support/enrollment-rig';
import {
  FLOWS,
  readInputs,
  resetRig,
  startRigFixture,
  waitForStatus,
} from './support/enrollment-rig';
import type { EnrollmentSession } from './support/enrollment-steps';
import {
  createUserFor,
  enroll,
  expectCurrentCode,
  expectNoAccountFor,
  openSignedOut,
  shownSecret,
  startSession,
  waitForAccount,
  waitForFilledCode,
  withDiagnostics,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { openPopupByShortcut } from './support/real-popup';
import { waitFor } from './support/wait';
import { startXDisplay, type XDisplay } from './support/x-display';

// The popup's actions on the page behind it (docs/architecture.md §3 rule 6): "Fill code for …" and
// "Enroll on this page", pressed in the real action popup over a rig page. Chromium opens it
// with action.openPopup(), which grants no activeTab (a click would), so these run on the e2e
// build's loopback pages, where Keyfob may script already; injecting into other sites on a
// click is covered by the background's unit tests. Firefox opens it by its shortcut on a
// private X display and the test presses its buttons through the popup's window
// (support/real-popup.ts), since automation has no handle on Firefox's popup panel.

let fixture: RigFixture;
let display: XDisplay | undefined;

beforeAll(async () => {
  fixture = await startRigFixture();
  if (selectedBrowsers().includes('firefox')) display = await startXDisplay();
}, 180_000);

afterAll(async () => {
  await Promise.all([fixture?.stop(), display?.stop()]);
});

afterEach(async () => {
  await disposeAllDrivers();
  if (fixture) resetRig(fixture.rig);
});

/** The popup's name for an account (src/ui/format.ts accountName). */
const shownName = (account: ListedAccount) =>
  account.issuer ? `${account.issuer} (${account.account})` : account.account;

describe.each(selectedBrowsers())('popup actions in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  /** The real action popup over `page`, which is in front. */
  /** The X display this browser's windows are on (Firefox's popup is opened by keys there). */
  const xDisplay = () => (browserName === 'firefox' ? display : undefined);
  const popupOver = (session: EnrollmentSession, page: WebPage) => {
    const on = xDisplay();
    return on ? openPopupByShortcut(on, page, session.console) : session.browser.openActionPopup!();
  };

  function scenario(name: string, body: (session: EnrollmentSession) => Promise<void>) {
    it(name, async () => {
      let session: EnrollmentSession | undefined;
      const pages: { page: WebPage; flow?: ClientPageFlow }[] = [];
      await withDiagnostics(
        () => ({ session, pages, rig: fixture.rig }),
        async () => {
          const on = xDisplay();
          session = await startSession(browserName, dist, on ? { display: on.name } : {});
          await body(session);
        },
      );
    });
  }

  scenario('"Fill code for …" fills the sign-in code on the enrolled site', async (session) => {
    const { rig } = fixture;
    const flow = FLOWS['amplify-ui'];
    const { page, user, secret, account } = await enroll(session, fixture, flow, 'fill');

    await page.bringToFront();
    await flow.signOut(page, rig);
    await flow.submitCredentials(page, user);
    await waitForStatus(page, 'totp-code', rig);
    // Automatic sign-in fill is off: nothing happens without the person asking.
    expect(await readInputs(page, flow.signInCodeSelector)).toBe('');

    const pressedAt = Date.now();
    const popup = await popupOver(session, page);
    await popup.press(`Fill code for ${shownName(account)}`);
    const filled = await waitFor(
      async () => {
        const value = await readInputs(page, flow.signInCodeSelector);
        return /^\d{6}$/.test(value) ? value : undefined;
      },
      { what: 'the code filled from the popup' },
    );
    expectCurrentCode(filled, secret, pressedAt);
    await flow.enterSignInCode(page, filled);
    await waitForStatus(page, `signed-in:${user.username}`, rig);
  });

  scenario(
    '"Enroll on this page" sets up again after the pending account was removed',
    async (session) => {
      const { rig } = fixture;
      const flow = FLOWS['amplify-ui'];
      const origin = fixture.pages.origins[flow.name];
      const user = await createUserFor(fixture, flow, 'enroll-again');
      const page = await openSignedOut(session, fixture, flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      const secret = await shownSecret(page, flow);
      await waitForFilledCode(page, flow);
      const pending = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'the pending account',
      );

      // The person removes it; the screen has not changed, so Keyfob does not report it again.
      const removed = await session.console.evaluate<{ ok: boolean }>(
        `chrome.runtime.sendMessage({ keyfob: 1, name: 'deleteAccount', data: { id: ${JSON.stringify(pending.id)} } })`,
      );
      expect(removed.ok).toBe(true);
      await expectNoAccountFor(session.console, origin, 1_500);

      // Empty the field, so that a code in it afterwards is Keyfob's new fill.
      await page.type(flow.setupCodeSelector, '');
      await page.bringToFront();
      const popup = await popupOver(session, page);
      await popup.press('Enroll on this page');
      const again = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'a pending account after "Enroll on this page"',
      );
      expect(again.account).toBe(pending.account);
      const code = await waitForFilledCode(page, flow, 'Keyfob to fill the setup code again');
      expectCurrentCode(code, secret, Date.now() - 60_000);
      await flow.submitSetup(page);
      await waitForStatus(page, flow.setupDoneStatus(user), rig);
      await waitForAccount(session.console, origin, (a) => a.status === 'verified', 'verified');
    },
  );
});
