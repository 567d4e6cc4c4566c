import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { WebPage } from './support/enrollment-browser';
import type { Listing } from './support/enrollment-popup';
import { listAccounts, waitForListing, waitForListingWhere } from './support/enrollment-popup';
import type { RigFixture } from './support/enrollment-rig';
import {
  FLOWS,
  pageStatus,
  resetRig,
  startRigFixture,
  waitForStatus,
} from './support/enrollment-rig';
import type { EnrollmentSession } from './support/enrollment-steps';
import {
  createUserFor,
  enroll,
  openSignedOut,
  personReads,
  shownSecret,
  waitForAccount,
  waitForFilledCode,
  webTabBadges,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { scenarios } from './support/scenario';
import type { HostilePage } from './support/hostile-page';
import { startHostilePage } from './support/hostile-page';
import { acceptableCodes, randomSecret } from '../support/totp-oracle';
import { sleep, waitFor } from './support/wait';

// Enrollment states (docs/architecture.md §1, §3): an account becomes verified only on what
// the browser saw of Cognito's answer, or on the person's word in the popup; a page's own
// messages, or leaving a setup page, never verify, demote or pile up accounts.

let fixture: RigFixture;
let hostile: HostilePage | undefined;

beforeAll(async () => {
  fixture = await startRigFixture();
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

afterEach(async () => {
  await disposeAllDrivers();
  await hostile?.stop();
  hostile = undefined;
  if (fixture) resetRig(fixture.rig);
});

/** Asserts for `ms` that `check` keeps holding on the background's listing. */
async function keepsHolding(
  session: EnrollmentSession,
  ms: number,
  check: (listing: Listing) => void,
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    check(await listAccounts(session.console));
    if (Date.now() >= until) return;
    await sleep(250);
  }
}

/** The key of the left-setup note in the tab's sessionStorage (src/content/fill-mark.ts). */
const FILL_MARK = 'keyfob:setup-fill';

/** Posts `message` from the page's own world, as the page observer (or an attacker) does. */
const forge = (page: WebPage, message: unknown) =>
  page.evaluate(`window.postMessage(${JSON.stringify(message)}, location.origin)`);

describe.each(selectedBrowsers())('enrollment states in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  const scenario = scenarios(
    browserName,
    () => dist,
    () => fixture,
  );

  scenario(
    'an abandoned server-rendered setup stays pending, and the popup asks before keeping it',
    async ({ session, track }) => {
      const { rig } = fixture;
      const flow = FLOWS.hosted;
      const origin = fixture.pages.origins[flow.name];
      const user = await createUserFor(fixture, flow, 'abandon');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      await waitForFilledCode(page, flow);
      const pending = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'the pending account',
      );

      // The person signs out instead of pressing Verify: no VerifySoftwareToken happened.
      await page.goto(`${origin}/logout`);
      await waitForStatus(page, 'signed-out', rig);
      // The next page has read Keyfob's note and reported that the setup was left.
      await waitFor(
        async () =>
          (await page.evaluate<string | null>(`sessionStorage.getItem('${FILL_MARK}')`)) === null,
        { what: 'the helper to report that the setup page was left' },
      );
      expect(rig.log.filter((e) => e.operation === 'VerifySoftwareToken')).toEqual([]);
      await keepsHolding(session, 2_000, (listing) => {
        expect(listing.accounts.find((a) => a.id === pending.id)?.status).toBe('pending');
      });

      // The popup asks about the exact origin; "Keep" is the person's word.
      const popup = await session.browser.openPopup();
      await waitForListing(popup);
      // No question yet (null) must mean "not yet": waitFor waits on undefined or false only.
      const question = await waitFor(
        async () =>
          (await popup.evaluate<string | null>(
            `document.querySelector('[data-question="finished"]')?.textContent ?? null`,
          )) ?? undefined,
        { what: 'the popup to ask whether the setup was finished' },
      );
      expect(question).toContain(`Did you finish setting up ${origin}?`);
      await popup.evaluate(
        `Array.from(document.querySelectorAll('[data-question="finished"] button')).find((b) => b.textContent.trim() === 'Keep').click()`,
      );
      await waitForAccount(
        session.console,
        origin,
        (a) => a.id === pending.id && a.status === 'verified',
        'the account the person kept to be verified',
      );
    },
  );

  scenario(
    'on the server-rendered setup page, a code refused as EnableSoftwareTokenMFAException is never filled again',
    async ({ session, track }) => {
      const { rig } = fixture;
      const flow = FLOWS.hosted;
      const origin = fixture.pages.origins[flow.name];
      const user = await createUserFor(fixture, flow, 'refused');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      const shownAt = Date.now();
      await flow.goToSetup(page, user, rig);
      const secret = await shownSecret(page, flow);
      const first = await waitForFilledCode(page, flow);
      await waitForAccount(session.console, origin, (a) => a.status === 'pending', 'pending');

      await personReads();
      rig.failNext('VerifySoftwareToken', 'EnableSoftwareTokenMFAException', {
        message: 'Code mismatch and fail enable Software Token MFA',
      });
      await flow.submitSetup(page);
      await waitForStatus(page, 'error:EnableSoftwareTokenMFAException', rig);
      // The server rendered the setup page again; Keyfob fills a different, valid code.
      const second = await waitForFilledCode(
        page,
        flow,
        'Keyfob to fill a code other than the refused one',
      );
      expect(second).not.toBe(first);
      expect(acceptableCodes({ secret }, shownAt, Date.now() + 30_000, 2_000)).toContain(second);
      // The tab's badge tells the person; the popup explains.
      await waitFor(async () => (await webTabBadges(session)).includes('✕') || undefined, {
        what: "the refusal badge on the setup page's tab",
      });
      const listing = await listAccounts(session.console);
      expect(listing.notices.some((n) => n.origin === origin && /not accept/.test(n.message))).toBe(
        true,
      );

      await flow.submitSetup(page);
      // The refused page keeps its error status until the browser has loaded the next page.
      await waitFor(async () => (await pageStatus(page)) === flow.setupDoneStatus(user), {
        what: 'the hosted page to finish the setup',
      });
      expect((await rig.getUser(user.username, flow.pool))?.softwareTokenMfa.enabled).toBe(true);
      await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'verified',
        'the account to become verified',
      );
    },
  );

  scenario(
    'a page posting 200 fake setups leaves at most the cap, and a verified account untouched',
    async ({ session, track }) => {
      const victim = await enroll(session, fixture, FLOWS['amplify-api'], 'cap-victim');
      track(victim.page);
      hostile = await startHostilePage();
      const evil = track(await session.browser.openPage(hostile.url));
      await evil.bringToFront();
      await waitFor(() => evil.evaluate<boolean>(`document.readyState === 'complete'`), {
        what: 'the hostile page to load',
      });
      const origin = hostile.origin;
      // Until Keyfob's scripts listen, forged messages go nowhere: post until one is saved.
      await waitFor(
        async () => {
          await forge(evil, {
            __keyfob: 'observer',
            type: 'associate',
            secret: randomSecret(20).base32,
            account: 'first',
          });
          const listing = await listAccounts(session.console);
          return listing.accounts.some((a) => a.origin === origin) || undefined;
        },
        { what: "Keyfob's scripts to take the hostile page's first setup", intervalMs: 500 },
      );
      await evil.evaluate(`(() => {
        for (let i = 0; i < 200; i++) {
          const bytes = crypto.getRandomValues(new Uint8Array(20));
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
          const secret = Array.from(bytes, (b) => alphabet[b & 31]).join('') + 'AAAAAAAAAAAA';
          window.postMessage({ __keyfob: 'observer', type: 'associate', secret, account: 'user' + i }, location.origin);
        }
      })()`);
      await waitForListingWhere(
        session.console,
        (listing) =>
          listing.notices.find((n) => n.origin === origin && /unfinished setups/.test(n.message)),
        'Keyfob to refuse setups beyond the cap, with a notice',
      );
      await keepsHolding(session, 2_000, (listing) => {
        const mine = listing.accounts.filter((a) => a.origin === origin);
        expect(mine.length).toBeLessThanOrEqual(3);
        expect(listing.accounts.filter((a) => a.status === 'pending').length).toBeLessThanOrEqual(
          20,
        );
        expect(listing.accounts.find((a) => a.id === victim.account.id)?.status).toBe('verified');
      });
    },
  );

  scenario(
    'a page reporting a second secret for a verified account does not demote it',
    async ({ session, track }) => {
      const flow = FLOWS['amplify-api'];
      const origin = fixture.pages.origins[flow.name];
      const victim = await enroll(session, fixture, flow, 'demote');
      track(victim.page, flow);

      // Script on the same site reports a new secret under the same name, then claims success.
      const forged = randomSecret(20).base32;
      await forge(victim.page, {
        __keyfob: 'observer',
        type: 'associate',
        secret: forged,
        account: victim.user.username,
      });
      const second = await waitForListingWhere(
        session.console,
        (listing) =>
          listing.accounts.find((a) => a.origin === origin && a.id !== victim.account.id),
        "the page's second secret, as a pending account",
      );
      expect(second.status).toBe('pending');
      await forge(victim.page, {
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'status', status: 'SUCCESS' },
      });
      // A later report shows the SUCCESS before it has been handled.
      await forge(victim.page, {
        __keyfob: 'observer',
        type: 'associate',
        secret: randomSecret(20).base32,
        account: 'marker',
      });
      await waitForListingWhere(
        session.console,
        (listing) => listing.accounts.find((a) => a.account === 'marker'),
        'the marker setup',
      );
      await keepsHolding(session, 1_500, (listing) => {
        const states = Object.fromEntries(listing.accounts.map((a) => [a.id, a.status]));
        expect(states[victim.account.id]).toBe('verified');
        expect(states[second.id]).toBe('pending');
      });
    },
  );
});
