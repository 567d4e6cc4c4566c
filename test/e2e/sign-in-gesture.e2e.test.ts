import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { WebPage } from './support/enrollment-browser';
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
  enroll,
  expectCurrentCode,
  startSession,
  webTabBadges,
  withDiagnostics,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { startSignInCopy, type SignInCopy } from './support/sign-in-copy';
import { waitFor } from './support/wait';
import { startXDisplay, type XDisplay } from './support/x-display';

// Sign-in fill on the person's gesture (docs/architecture.md §3 rule 6), in real browser
// windows: headless browsers take no extension keyboard command, so each browser runs headful
// on a private Xvfb display, and xdotool presses the keys into its focused window. After a
// real enrollment on a rig page, the default shortcut fills the enrolled origin's sign-in code
// (checked against the TOTP oracle) and the sign-in completes; on a copy of the page on
// another loopback origin the same shortcut fills nothing.

/** The manifest's default shortcut for "fill-code" (wxt.config.ts, README), as xdotool names it. */
const FILL_SHORTCUT = 'alt+shift+k';

let fixture: RigFixture;
let copy: SignInCopy;
let display: XDisplay;

beforeAll(async () => {
  [fixture, copy, display] = await Promise.all([
    startRigFixture(),
    startSignInCopy(),
    startXDisplay(),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([fixture?.stop(), copy?.stop(), display?.stop()]);
});

afterEach(async () => {
  await disposeAllDrivers();
  if (fixture) resetRig(fixture.rig);
});

/**
 * Puts `page` in front, gives its window the keyboard focus and presses `chord` there. The
 * window is found by a title set for the purpose: a browser window shows its selected tab's.
 */
async function pressInPage(page: WebPage, chord: string): Promise<void> {
  await page.bringToFront();
  const marker = `kf-${randomUUID()}`;
  await page.evaluate(`document.title = ${JSON.stringify(marker)}`);
  await display.focusWindowTitled(marker);
  await display.key(chord);
}

const copyFieldValue = (page: WebPage) =>
  page.evaluate<string>(`document.getElementById('kf-otp').value`);

describe.each(selectedBrowsers())('sign-in by gesture in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  it('the keyboard command fills the enrolled site’s code and signs in; a copy elsewhere gets nothing', async () => {
    const flow = FLOWS['amplify-api'];
    const { rig } = fixture;
    let session: EnrollmentSession | undefined;
    const pages: { page: WebPage }[] = [];
    await withDiagnostics(
      () => ({ session, pages, rig }),
      async () => {
        session = await startSession(browserName, dist, { display: display.name });
        const { page, user, secret } = await enroll(session, fixture, flow, 'command');
        pages.push({ page });

        await page.bringToFront();
        await flow.signOut(page, rig);
        await flow.submitCredentials(page, user);
        await waitForStatus(page, 'totp-code', rig);
        // Automatic fill is off: the field stays empty until the person asks.
        expect(await readInputs(page, flow.signInCodeSelector)).toBe('');

        const pressedAt = Date.now();
        await pressInPage(page, FILL_SHORTCUT);
        const filled = await waitFor(
          async () => {
            const value = await readInputs(page, flow.signInCodeSelector);
            return /^\d{6}$/.test(value) ? value : undefined;
          },
          { what: 'the code the keyboard command fills' },
        );
        expectCurrentCode(filled, secret, pressedAt);
        await flow.enterSignInCode(page, filled);
        await waitForStatus(page, `signed-in:${user.username}`, rig);

        // The same sign-in form on another port of the same host: Keyfob refuses, and says so
        // on that tab's badge, which is how the test knows the command was handled.
        const elsewhere = await session.browser.openPage(copy.url);
        pages.push({ page: elsewhere });
        expect(await webTabBadges(session)).not.toContain('!');
        await pressInPage(elsewhere, FILL_SHORTCUT);
        const live = session;
        await waitFor(async () => (await webTabBadges(live)).includes('!'), {
          what: 'the refusal badge on the copy’s tab',
        });
        expect(await copyFieldValue(elsewhere)).toBe('');
      },
    );
  });
});
