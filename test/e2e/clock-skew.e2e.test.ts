import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { WebPage } from './support/enrollment-browser';
import { readPopupRows, waitForListing } from './support/enrollment-popup';
import type { RigFixture } from './support/enrollment-rig';
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
  openSignedOut,
  shownSecret,
  startSession,
  waitForAccount,
  waitForFilledCode,
  withDiagnostics,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { acceptableCodes } from '../support/totp-oracle';
import { waitFor } from './support/wait';

// The codes' clock end to end (docs/architecture.md §3 rule 14): the Cognito rig runs as a
// server whose clock is 90 s ahead of the browser's (its Date headers and its TOTP checks; see
// test/rig/README.md, "clockSkewMs"). Codes of the browser's own clock are three steps off and
// refused. Keyfob learns the offset from the Date of the rig's answers as the browser saw them,
// and its setup code, its popup code and the sign-in with it all go by the rig's clock.

const AHEAD_MS = 90_000;

let fixture: RigFixture;

beforeAll(async () => {
  fixture = await startRigFixture();
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

afterEach(async () => {
  await disposeAllDrivers();
  if (fixture) resetRig(fixture.rig);
});

/** The codes a clock `shiftMs` off this machine's showed between `sinceMs` and now. */
const codesShifted = (secret: string, sinceMs: number, shiftMs: number) =>
  acceptableCodes({ secret }, sinceMs + shiftMs, Date.now() + shiftMs);

describe.each(selectedBrowsers())('a Cognito clock 90 s ahead in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it('is learned from its answers, and Keyfob’s codes set up and sign in', async () => {
    const flow = FLOWS['amplify-api'];
    const { rig } = fixture;
    const origin = fixture.pages.origins[flow.name];
    let session: EnrollmentSession | undefined;
    let page: WebPage | undefined;
    const context = () => ({ session, pages: page ? [{ page, flow }] : [], rig });
    await withDiagnostics(context, async () => {
      session = await startSession(browserName, dist);
      rig.knobs.clockSkewMs = AHEAD_MS;
      const user = await createUserFor(fixture, flow, 'clock');
      const web = await openSignedOut(session, fixture, flow);
      page = web;
      await web.bringToFront();

      // Signing in answers with the rig's Date; the setup code Keyfob fills is the rig's.
      const setupShownAt = Date.now();
      await flow.goToSetup(web, user, rig);
      const secret = await shownSecret(web, flow);
      const filled = await waitForFilledCode(web, flow);
      expect(codesShifted(secret, setupShownAt, AHEAD_MS)).toContain(filled);
      expect(codesShifted(secret, setupShownAt, 0)).not.toContain(filled);
      await flow.submitSetup(web);
      await waitForStatus(web, flow.setupDoneStatus(user), rig);
      expect((await rig.getUser(user.username, flow.pool))?.softwareTokenMfa.verified).toBe(true);
      await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'verified',
        'the account to become verified',
      );

      // The popup warns in plain words and shows the rig's code.
      const popup = await session.browser.openPopup();
      await waitForListing(popup);
      const warning = await waitFor(
        async () =>
          (await popup.evaluate<string | null>(
            `Array.from(document.querySelectorAll('.warning'), (p) => p.textContent).find((t) => /clock is/.test(t)) ?? null`,
          )) ?? undefined,
        { what: 'the popup’s clock warning' },
      );
      expect(warning).toMatch(/^This computer’s clock is (89|90) s behind the sign-in server’s\./);
      const readAt = Date.now();
      const [shown] = await readPopupRows(popup);
      expect(codesShifted(secret, readAt, AHEAD_MS)).toContain(shown?.code);
      await popup.close();

      // A new sign-in with the code Keyfob shows now succeeds against the rig's clock.
      await web.bringToFront();
      await flow.signOut(web, rig);
      await flow.submitCredentials(web, user);
      await waitForStatus(web, 'totp-code', rig);
      expect(await readInputs(web, flow.signInCodeSelector)).toBe('');
      const again = await session.browser.openPopup();
      await waitForListing(again);
      const codeAt = Date.now();
      const [current] = await readPopupRows(again);
      expect(codesShifted(secret, codeAt, AHEAD_MS)).toContain(current?.code);
      await web.bringToFront();
      await flow.enterSignInCode(web, current!.code!);
      await waitForStatus(web, `signed-in:${user.username}`, rig);
      const signIn = rig.log.filter((e) => e.operation === 'RespondToAuthChallenge').at(-1);
      expect(signIn?.status).toBe(200);
    });
  });
});
