import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import { readPopupRows, waitForListing } from './support/enrollment-popup';
import type { RigFixture } from './support/enrollment-rig';
import {
  CLIENT_PAGES,
  FLOWS,
  readInputs,
  resetRig,
  startRigFixture,
  waitForStatus,
} from './support/enrollment-rig';
import type { EnrollmentSession } from './support/enrollment-steps';
import {
  DEFAULT_DEVICE_NAME,
  Timer,
  createUserFor,
  expectCurrentCode,
  lastVerifyRequest,
  openSignedOut,
  shownSecret,
  startSession,
  waitForAccount,
  waitForFilledCode,
  withDiagnostics,
} from './support/enrollment-steps';
import type { WebPage } from './support/enrollment-browser';
import { selectedBrowsers } from './support/env';
import { acceptableCodes } from '../support/totp-oracle';
import { waitFor } from './support/wait';

// Enrollment end to end (docs/architecture.md §1, §4): the e2e build of Keyfob in a real browser, the
// local Cognito rig, and each client page built from a real client library. A person creates
// a vault, signs in on the page, and Keyfob fills the setup code (and a device name); the
// person presses the page's own button; Cognito's state and Keyfob's popup must agree
// afterwards, and the code Keyfob then shows must sign the person in.

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

describe.each(selectedBrowsers())('enrollment in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it.each(CLIENT_PAGES)(
    '%s: fills the setup code, verifies on SUCCESS, and its code signs the user in again',
    async (pageName) => {
      const flow = FLOWS[pageName];
      const { rig } = fixture;
      const origin = fixture.pages.origins[pageName];
      const timer = new Timer(`${browserName} ${pageName} happy path`);

      let session: EnrollmentSession | undefined;
      let page: WebPage | undefined;
      const context = () => ({ session, pages: page ? [{ page, flow }] : [], rig });
      await withDiagnostics(context, async () => {
        session = await startSession(browserName, dist);
        const { browser, console: keyfob } = session;
        timer.mark('vault created');
        const user = await createUserFor(fixture, flow, 'ok');
        const web = await openSignedOut(session, fixture, flow);
        page = web;
        await web.bringToFront();

        // Sign in: the page reaches its setup screen, Keyfob fills the code by itself.
        const setupShownAt = Date.now();
        await flow.goToSetup(web, user, rig);
        const secret = await shownSecret(web, flow);
        const filled = await waitForFilledCode(web, flow);
        timer.mark('code filled');
        expectCurrentCode(filled, secret, setupShownAt);

        // Until Cognito answers, the account is pending and bound to this page's exact origin.
        const pending = await waitForAccount(
          keyfob,
          origin,
          (a) => a.status === 'pending',
          'a pending account for the page',
        );
        expect(pending.account).toBe(user.username);

        if (flow.deviceNameSelector) {
          // The page has a name field of its own, left empty: Keyfob types its default name.
          await waitFor(
            async () =>
              (await readInputs(web, flow.deviceNameSelector!)) === DEFAULT_DEVICE_NAME ||
              undefined,
            { what: `the device-name field to read "${DEFAULT_DEVICE_NAME}"` },
          );
        }

        // Auto-submit is off by default: nothing is sent until the person presses the button.
        expect(lastVerifyRequest(rig, null), 'Keyfob must not submit the setup by itself').toBe(
          undefined,
        );
        await flow.submitSetup(web);
        await waitForStatus(web, flow.setupDoneStatus(user), rig);
        timer.mark('page done');

        // Cognito's state: TOTP verified and enabled, named after Keyfob's default device name.
        const state = await rig.getUser(user.username, flow.pool);
        expect(state?.softwareTokenMfa).toMatchObject({
          associated: true,
          verified: true,
          enabled: true,
          friendlyDeviceName: DEFAULT_DEVICE_NAME,
        });
        expect(state?.softwareTokenMfa.secret).toBe(secret);
        const verify = lastVerifyRequest(rig, null);
        // Keyfob's code: the one it filled, or its code for the next step if the page changed
        // after a step boundary and Keyfob filled again (a rescan answers with a fresh code).
        expectCurrentCode(String(verify?.request?.UserCode), secret, setupShownAt);
        // amplify-ui and amplify-api have no name field and their client sends no
        // FriendlyDeviceName (test/rig/smoke.mjs checks): the page observer added it to the
        // page's own request. identity-js and hosted send what is in their field.
        expect(verify?.request?.FriendlyDeviceName).toBe(DEFAULT_DEVICE_NAME);
        if (pageName !== 'hosted') {
          // Sent by the page's own client library, from the page's origin (hosted: its server).
          expect(verify?.origin).toBe(origin);
        }

        // Keyfob: the account is verified (not pending), labelled for this user and issuer.
        const verified = await waitForAccount(
          keyfob,
          origin,
          (a) => a.status === 'verified',
          'the account to become verified',
        );
        timer.mark('verified');
        expect(verified.id).toBe(pending.id);
        expect(verified.account).toBe(user.username);
        const expectedIssuer =
          pageName === 'amplify-ui'
            ? // The Authenticator's QR names the generic issuer "AWSCognito"; Keyfob names the
              // site instead, by the page's title (capture.ts).
              await web.evaluate<string>('document.title')
            : 'KeyfobDemo';
        // Soft: a wrong label is reported, and the rest of the flow still runs.
        expect
          .soft(verified.issuer, 'issuer: the otpauth label the page shows (its QR) must win')
          .toBe(expectedIssuer);

        // What the person sees: one row, no "pending" badge, issuer and user on it.
        const popup = await browser.openPopup();
        await waitForListing(popup);
        const rows = await readPopupRows(popup);
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        expect(row.id).toBe(verified.id);
        expect(row.pending).toBe(false);
        expect.soft(row.text).toContain(expectedIssuer);
        expect(row.text).toContain(user.username);
        expect(row.text).not.toContain('AWSCognito');

        // Sign out and in again with the code Keyfob shows.
        await web.bringToFront();
        await flow.signOut(web, rig);
        await flow.submitCredentials(web, user);
        await waitForStatus(web, 'totp-code', rig);
        // Sign-in fill needs a gesture (automatic fill is off): the field is still empty.
        expect(await readInputs(web, flow.signInCodeSelector)).toBe('');

        await popup.close();
        const again = await browser.openPopup();
        await waitForListing(again);
        const beforeRead = Date.now();
        const [shown] = await readPopupRows(again);
        const afterRead = Date.now();
        expect(shown?.code).toMatch(/^\d{6}$/);
        // The code equals an independent RFC 6238 computation over the secret Cognito holds.
        expect(
          acceptableCodes({ secret: state!.softwareTokenMfa.secret! }, beforeRead, afterRead),
        ).toContain(shown!.code);
        await web.bringToFront();
        await flow.enterSignInCode(web, shown!.code!);
        await waitForStatus(web, `signed-in:${user.username}`, rig);
        timer.mark('signed in again');
      });
      timer.report();
    },
  );
});
