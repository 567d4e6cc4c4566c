import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { ListedAccount, Listing } from './support/enrollment-popup';
import type { PopupPage } from './support/popup-page';
import {
  listAccounts,
  readPopupRows,
  waitForListing,
  waitForListingWhere,
  waitForNotice,
} from './support/enrollment-popup';
import type { RigFixture } from './support/enrollment-rig';
import {
  FLOWS,
  readInputs,
  resetRig,
  startRigFixture,
  uniqueUsername,
  waitForStatus,
} from './support/enrollment-rig';
import type { EnrollmentSession } from './support/enrollment-steps';
import {
  DEFAULT_DEVICE_NAME,
  PASSPHRASE,
  createUserFor,
  enroll,
  expectCurrentCode,
  expectNoAccountFor,
  lastVerifyRequest,
  openSignedOut,
  personReads,
  shownSecret,
  waitForAccount,
  waitForFilledCode,
  turnOnAutoFill,
  waitForVerifyCalls,
  webTabBadges,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { scenarios } from './support/scenario';
import type { HostilePage } from './support/hostile-page';
import { startHostilePage } from './support/hostile-page';
import { acceptableCodes, randomSecret, totp } from '../support/totp-oracle';
import { sleep, waitFor } from './support/wait';

// Enrollment when things go wrong (docs/architecture.md §1, §3, §4; src/cognito/protocol/error-catalogue.ts
// and enrollment-policy.ts): refused codes, an expired setup session, a pool without TOTP, a
// locked vault, a hostile page that forges the page observer's messages; and the helper
// loaded only where a code field shows.

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

/** A 6-digit code no accepted window (previous, current, next step) of `secret` produces. */
function wrongCode(secret: string): string {
  const now = Date.now();
  const accepted = [-60_000, -30_000, 0, 30_000, 60_000].map((dt) => totp({ secret }, now + dt));
  let n = Number(accepted[2]);
  let code: string;
  do {
    n = (n + 111_111) % 1_000_000;
    code = String(n).padStart(6, '0');
  } while (accepted.includes(code));
  return code;
}

/** Codes Keyfob may legitimately fill for `secret` since `sinceMs`: up to the next step's. */
function refillCodes(secret: string, sinceMs: number): Set<string> {
  return acceptableCodes({ secret }, sinceMs, Date.now() + 30_000, 2_000);
}

const noticesFor = (listing: Listing, origin: string) =>
  listing.notices.filter((notice) => notice.origin === origin);

/**
 * Waits until Keyfob has removed every account of `origin` and says so in a notice about
 * `topic`; checks the notice says the unfinished account was removed.
 */
async function waitForRemovalNotice(consolePage: PopupPage, origin: string, topic: RegExp) {
  const notice = await waitForListingWhere(
    consolePage,
    (listing) =>
      !listing.accounts.some((a) => a.origin === origin) &&
      noticesFor(listing, origin).find((n) => topic.test(n.message)),
    'the pending account to be removed, with a notice',
  );
  expect(notice.message).toMatch(/removed the unfinished account/i);
  return notice;
}

/** A fresh popup lists no account and shows a notice about `topic` for `host`. */
async function expectEmptyPopupWithNotice(session: EnrollmentSession, host: string, topic: RegExp) {
  const popup = await session.browser.openPopup();
  await waitForListing(popup);
  expect(await readPopupRows(popup)).toEqual([]);
  await waitForNotice(popup, host, topic);
}

describe.each(selectedBrowsers())('enrollment failures in %s', (browserName) => {
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
    'a refused code (CodeMismatchException) is refilled once with a different code, then verifies',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const flow = FLOWS['amplify-api'];
      const origin = fixture.pages.origins[flow.name];
      const user = await createUserFor(fixture, flow, 'mismatch');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      const shownAt = Date.now();
      await flow.goToSetup(page, user, rig);
      const secret = await shownSecret(page, flow);
      const first = await waitForFilledCode(page, flow);
      expectCurrentCode(first, secret, shownAt);
      const pending = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'the pending account',
      );

      await personReads();
      rig.failNext('VerifySoftwareToken', 'CodeMismatchException');
      await flow.submitSetup(page);
      await waitForStatus(page, 'error:CodeMismatchException', rig);
      const second = await waitForFilledCode(
        page,
        flow,
        'Keyfob to refill a different code',
        (code) => code !== first,
      );
      timer.mark('refilled');
      expect(refillCodes(secret, shownAt)).toContain(second);
      const still = await listAccounts(session.console);
      expect(still.accounts.find((a) => a.id === pending.id)?.status).toBe('pending');

      await flow.submitSetup(page);
      await waitForStatus(page, flow.setupDoneStatus(user), rig);
      expect(lastVerifyRequest(rig, origin)?.request?.UserCode).toBe(second);
      expect((await rig.getUser(user.username, flow.pool))?.softwareTokenMfa.enabled).toBe(true);
      const verified = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'verified',
        'the account to become verified after the retry',
      );
      expect(verified.id).toBe(pending.id);
    },
  );

  scenario(
    'a wrong code the service refuses as EnableSoftwareTokenMFAException is replaced by a valid one',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      rig.knobs.realisticErrors = true;
      const flow = FLOWS['amplify-ui'];
      const origin = fixture.pages.origins[flow.name];
      const user = await createUserFor(fixture, flow, 'realistic');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      const shownAt = Date.now();
      await flow.goToSetup(page, user, rig);
      const secret = await shownSecret(page, flow);
      await waitForFilledCode(page, flow);
      await waitForAccount(session.console, origin, (a) => a.status === 'pending', 'pending');

      // The person types over Keyfob's code with a wrong one; the emulator really refuses it.
      await personReads();
      const wrong = wrongCode(secret);
      await page.type(flow.setupCodeSelector, wrong);
      await flow.submitSetup(page);
      await waitForStatus(page, 'error:EnableSoftwareTokenMFAException', rig);
      expect(lastVerifyRequest(rig, origin)?.errorType).toBe('EnableSoftwareTokenMFAException');
      const refilled = await waitForFilledCode(
        page,
        flow,
        'Keyfob to replace the refused code',
        (code) => code !== wrong,
      );
      timer.mark('refilled');
      expect(refillCodes(secret, shownAt)).toContain(refilled);

      await flow.submitSetup(page);
      await waitForStatus(page, flow.setupDoneStatus(user), rig);
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
    'codes refused twice: the popup explains clock skew and the account stays pending',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      rig.knobs.realisticErrors = true;
      const flow = FLOWS['amplify-ui'];
      const origin = fixture.pages.origins[flow.name];
      const host = new URL(origin).host;
      const user = await createUserFor(fixture, flow, 'skew');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      const first = await waitForFilledCode(page, flow);
      const pending = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'the pending account',
      );

      // As if the computer's clock were off: every code Keyfob makes is refused.
      await personReads();
      rig.failNext('VerifySoftwareToken', 'EnableSoftwareTokenMFAException', {
        times: 2,
        message: 'Code mismatch and fail enable Software Token MFA',
      });
      await flow.submitSetup(page);
      await waitForVerifyCalls(rig, 1);
      await waitForStatus(page, 'error:EnableSoftwareTokenMFAException', rig);
      const second = await waitForFilledCode(
        page,
        flow,
        'Keyfob to refill once',
        (code) => code !== first,
      );
      await flow.submitSetup(page);
      await waitForVerifyCalls(rig, 2);

      const notice = await waitForListingWhere(
        session.console,
        (listing) => noticesFor(listing, origin).find((n) => /clock/i.test(n.message)),
        'a clock-skew notice for the page',
      );
      timer.mark('notice');
      expect(notice.message).toMatch(/refused Keyfob's codes twice/i);
      expect(notice.message).toMatch(/pending/i);
      const listing = await listAccounts(session.console);
      const account = listing.accounts.find((a) => a.id === pending.id);
      expect(account?.status).toBe('pending');
      // No third attempt: the code stays, and nothing more was sent.
      expect(await readInputs(page, flow.setupCodeSelector)).toBe(second);
      expect(rig.log.filter((e) => e.operation === 'VerifySoftwareToken')).toHaveLength(2);

      const popup = await session.browser.openPopup();
      await waitForListing(popup);
      const rows = await readPopupRows(popup);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.pending).toBe(true);
      await waitForNotice(popup, host, /clock/i);
      // Still nothing more sent, and the code still not replaced.
      expect(await readInputs(page, flow.setupCodeSelector)).toBe(second);
      expect(rig.log.filter((e) => e.operation === 'VerifySoftwareToken')).toHaveLength(2);
    },
  );

  scenario(
    'an expired setup session (NotAuthorizedException) removes the pending account and says why',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const flow = FLOWS['identity-js'];
      const origin = fixture.pages.origins[flow.name];
      const host = new URL(origin).host;
      const user = await createUserFor(fixture, flow, 'expired');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      await waitForFilledCode(page, flow);
      await waitForAccount(session.console, origin, (a) => a.status === 'pending', 'pending');

      await personReads();
      rig.expireSessions();
      await flow.submitSetup(page);
      await waitForStatus(page, 'error:NotAuthorizedException', rig);
      await waitForRemovalNotice(session.console, origin, /expired/i);
      timer.mark('removed');
      // The setup screen is still on the page: the removed account must not come back.
      await expectNoAccountFor(session.console, origin, 2_000);

      await expectEmptyPopupWithNotice(session, host, /expired/i);
      expect((await rig.getUser(user.username, flow.pool))?.softwareTokenMfa.enabled).toBe(false);
    },
  );

  scenario(
    'a pool without TOTP (SoftwareTokenMFANotFoundException) leaves no account behind',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const flow = FLOWS['amplify-api'];
      const origin = fixture.pages.origins[flow.name];
      const host = new URL(origin).host;

      // pools.off: setup cannot even start; Keyfob has nothing to save.
      const offUser = await createUserFor(fixture, { ...flow, pool: 'off' }, 'mfa-off');
      const offPage = track(await openSignedOut(session, fixture, flow, '?pool=off'), flow);
      await offPage.bringToFront();
      await flow.submitCredentials(offPage, offUser);
      await waitForStatus(offPage, `signed-in:${offUser.username}`, rig);
      await offPage.click('#setup-totp');
      await waitForStatus(offPage, 'error:SoftwareTokenMFANotFoundException', rig);
      expect((await listAccounts(session.console)).accounts).toEqual([]);
      await offPage.close();
      timer.mark('pools.off');

      // The pool's owner turns TOTP off while the person is on the setup screen.
      const key = uniqueUsername('toggle');
      const pool = await rig.createPool({ key, mfa: 'OPTIONAL' });
      const user = await rig.createUser({ username: uniqueUsername('mfa-toggled'), pool: key });
      const query = `?userPoolId=${encodeURIComponent(pool.userPoolId)}&clientId=${encodeURIComponent(pool.clientId)}`;
      const page = track(await openSignedOut(session, fixture, flow, query), flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      await waitForFilledCode(page, flow);
      await waitForAccount(session.console, origin, (a) => a.status === 'pending', 'pending');
      await personReads();
      rig.setPoolMfa(key, { mfa: 'OFF' });
      await flow.submitSetup(page);
      await waitForStatus(page, 'error:SoftwareTokenMFANotFoundException', rig);
      await waitForRemovalNotice(session.console, origin, /authenticator apps/i);
      timer.mark('removed');
      await expectNoAccountFor(session.console, origin, 2_000);
      await expectEmptyPopupWithNotice(session, host, /authenticator apps/i);
    },
  );

  scenario(
    'with automatic submit on, a setup refused as expired removes the pending account for good',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const flow = FLOWS['identity-js'];
      const origin = fixture.pages.origins[flow.name];
      const settings = await session.console.evaluate<{ ok: boolean }>(
        `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ keyfob: 1, name: 'updateSettings', data: { autoSubmitSetup: true } })`,
      );
      expect(settings.ok).toBe(true);
      // A dead setup session refuses every attempt.
      rig.failNext('VerifySoftwareToken', 'NotAuthorizedException', {
        message: 'Invalid session for the user, session is expired.',
        times: 5,
      });
      const user = await createUserFor(fixture, flow, 'autosubmit');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      // The person only signs in: Keyfob fills and submits the setup form by itself.
      await flow.submitCredentials(page, user);
      await waitForStatus(page, 'error:NotAuthorizedException', rig);
      const verify = lastVerifyRequest(rig, origin);
      expect(verify?.request?.FriendlyDeviceName).toBe('Keyfob');
      await waitForRemovalNotice(session.console, origin, /expired/i);
      timer.mark('removed');
      // The setup screen with the dead secret is still on the page. Keyfob said it removed the
      // account: it must neither save that secret again nor submit the dead setup once more.
      const verifyCalls = () => rig.log.filter((e) => e.operation === 'VerifySoftwareToken');
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        expect(
          verifyCalls().map((e) => `${e.request?.UserCode}→${e.errorType ?? e.status}`),
          'VerifySoftwareToken calls (Keyfob submitted the dead setup again)',
        ).toHaveLength(1);
        await expectNoAccountFor(session.console, origin, 0);
        await sleep(200);
      }
    },
  );

  scenario(
    'a setup screen on a locked vault badges the tab, saves nothing, and fills after unlock',
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const flow = FLOWS['identity-js'];
      const origin = fixture.pages.origins[flow.name];
      await session.console.lock();
      const user = await createUserFor(fixture, flow, 'locked');
      const page = track(await openSignedOut(session, fixture, flow), flow);
      await page.bringToFront();
      await flow.goToSetup(page, user, rig);
      const shownAt = Date.now();
      const secret = await shownSecret(page, flow);

      // The page's tab is the only web page open: its badge, and only its, says "!".
      await waitFor(
        async () => {
          const badges = await webTabBadges(session);
          return badges.length === 1 && badges[0] === '!';
        },
        { what: "the action badge '!' on the page's tab" },
      );
      timer.mark('badged');
      // Nothing was filled and nothing can be listed while locked.
      expect(await readInputs(page, flow.setupCodeSelector)).toBe('');
      expect(await readInputs(page, flow.deviceNameSelector!)).toBe('');
      await expect(listAccounts(session.console)).rejects.toThrow(/vault-locked/);

      // The person names the device themselves before unlocking: Keyfob keeps their name.
      await page.type(flow.deviceNameSelector!, 'Work laptop');
      await session.console.unlock(PASSPHRASE);
      await waitForFilledCode(page, flow, 'the rescan after unlock to fill');
      timer.mark('filled after unlock');
      expect(await readInputs(page, flow.deviceNameSelector!)).toBe('Work laptop');
      await waitFor(
        async () => {
          const badges = await webTabBadges(session);
          return badges.length === 1 && badges[0] === '';
        },
        { what: 'the badge to be cleared after unlock' },
      );
      // Exactly one account: the locked report saved nothing of its own.
      const pending = await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'pending',
        'one pending account after unlock',
      );
      expect(pending.account).toBe(user.username);

      await flow.submitSetup(page);
      await waitForStatus(page, flow.setupDoneStatus(user), rig);
      const state = await rig.getUser(user.username, flow.pool);
      expect(state?.softwareTokenMfa.enabled).toBe(true);
      expect(state?.softwareTokenMfa.friendlyDeviceName).toBe('Work laptop');
      // Keyfob's code: the one it filled, or its code for the next step if the page changed
      // after a step boundary and Keyfob filled again.
      expectCurrentCode(String(lastVerifyRequest(rig, origin)?.request?.UserCode), secret, shownAt);
      await waitForAccount(
        session.console,
        origin,
        (a) => a.status === 'verified',
        'the account to become verified',
      );
    },
  );

  scenario(
    'Keyfob says nothing to a matched page until a setup shows there, then takes the setup',
    async ({ session, track }) => {
      // What the page can see of the helper: the device name it hands the observer (a window
      // message), only once a setup runs. The bridge alone says nothing to the page.
      const helperSpoke = `window.__seen.some((text) => text.includes('"deviceName":"${DEFAULT_DEVICE_NAME}"'))`;
      hostile = await startHostilePage();
      const page = track(await session.browser.openPage(hostile.url));
      await page.bringToFront();
      await waitFor(() => page.evaluate<boolean>(`document.readyState === 'complete'`), {
        what: 'the page to load',
      });
      await page.evaluate('window.showSignInForm()');
      await sleep(1_500);
      expect(
        await page.evaluate<boolean>(helperSpoke),
        'Keyfob spoke to a page without a setup',
      ).toBe(false);
      expect(await page.evaluate<string[]>('window.traces()')).toEqual([]);

      const secret = randomSecret(20).base32;
      await page.evaluate(`window.showSetupForm(${JSON.stringify(secret)})`);
      await waitForAccount(
        session.console,
        hostile.origin,
        (a) => a.status === 'pending',
        'the setup shown on the page to be taken as pending',
      );
      await waitFor(() => page.evaluate<boolean>(helperSpoke), {
        what: 'the device name to reach the page once a setup shows',
      });
    },
  );

  scenario(
    "a hostile page forging observer messages touches only its own origin and gets no other site's code",
    async ({ session, track, timer }) => {
      const { rig } = fixture;
      const { console: keyfob } = session;
      // A verified account on one origin, a pending one (setup screen, not submitted) on another.
      const victim = await enroll(session, fixture, FLOWS['amplify-api'], 'victim');
      track(victim.page);
      const pendingFlow = FLOWS['identity-js'];
      const pendingOrigin = fixture.pages.origins[pendingFlow.name];
      const pendingUser = await createUserFor(fixture, pendingFlow, 'victim-pending');
      const pendingPage = track(await openSignedOut(session, fixture, pendingFlow), pendingFlow);
      await pendingPage.bringToFront();
      await pendingFlow.goToSetup(pendingPage, pendingUser, rig);
      const pendingSecret = await shownSecret(pendingPage, pendingFlow);
      await waitForFilledCode(pendingPage, pendingFlow);
      const victimPending = await waitForAccount(
        keyfob,
        pendingOrigin,
        (a) => a.status === 'pending',
        'the pending victim account',
      );
      timer.mark('victims ready');

      hostile = await startHostilePage();
      const evil = track(await session.browser.openPage(hostile.url));
      await evil.bringToFront();
      await waitFor(() => evil.evaluate<boolean>(`document.readyState === 'complete'`), {
        what: 'the hostile page to load',
      });
      const forge = (message: unknown) => evil.evaluate(`window.forge(${JSON.stringify(message)})`);

      const untouched = (listing: Listing) => {
        const v = listing.accounts.find((a) => a.id === victim.account.id);
        const p = listing.accounts.find((a) => a.id === victimPending.id);
        expect(v, 'the verified victim account').toMatchObject({
          status: 'verified',
          origin: victim.account.origin,
          account: victim.user.username,
        });
        expect(p, 'the pending victim account').toMatchObject({
          status: 'pending',
          origin: pendingOrigin,
        });
      };
      const hostileAccounts = (listing: Listing): ListedAccount[] =>
        listing.accounts.filter((a) => a.origin === hostile!.origin);

      // 1. A forged "associate" under the victim's user name: a pending account, but for the
      //    hostile origin only.
      //    Until Keyfob's scripts listen, forged messages go nowhere: post until one is taken.
      const forgedSecret = randomSecret(20).base32;
      const own = await waitFor(
        async () => {
          await forge({
            __keyfob: 'observer',
            type: 'associate',
            secret: forgedSecret,
            account: victim.user.username,
          });
          return hostileAccounts(await listAccounts(keyfob)).find((a) => a.status === 'pending');
        },
        { what: 'a pending account for the hostile origin', intervalMs: 500 },
      );
      // Keyfob runs here, and the page can't tell: no name, no marker, no non-native wrapper,
      // no answer to the config message it posted.
      expect(await evil.evaluate<string[]>('window.traces()')).toEqual([]);
      expect(own.account).toBe(victim.user.username);
      untouched(await listAccounts(keyfob));

      // 2. Forged extras naming the other origin's enrollment are refused as malformed, and a
      //    forged SUCCESS verifies nothing: no call to Cognito happened, so the hostile page's
      //    own account stays pending, the victim's pending account too, and its verified one
      //    is not "replaced".
      await forge({
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'status', status: 'SUCCESS' },
        enrollmentId: victimPending.id,
        origin: pendingOrigin,
      });
      await forge({
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'status', status: 'SUCCESS' },
      });

      // 3. A forged error that discards: only the hostile page's own new pending account goes.
      await forge({
        __keyfob: 'observer',
        type: 'associate',
        secret: randomSecret(20).base32,
        account: 'throwaway',
      });
      await waitForListingWhere(
        keyfob,
        (listing) => hostileAccounts(listing).find((a) => a.account === 'throwaway'),
        'a second pending account for the hostile origin',
      );
      await forge({
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'error', errorName: 'NotAuthorizedException' },
      });
      await waitForListingWhere(
        keyfob,
        (listing) => !hostileAccounts(listing).some((a) => a.account === 'throwaway') || undefined,
        "the hostile page's throwaway account to be discarded",
      );
      const afterDiscard = await listAccounts(keyfob);
      untouched(afterDiscard);
      // The forged SUCCESS came before the throwaway setup: it has been handled, and the
      // hostile page's account is still pending.
      expect(hostileAccounts(afterDiscard).map((a) => [a.id, a.status])).toEqual([
        [own.id, 'pending'],
      ]);
      expect(noticesFor(afterDiscard, pendingOrigin)).toEqual([]);
      expect(noticesFor(afterDiscard, victim.account.origin!)).toEqual([]);
      timer.mark('forgeries done');

      // 4. Sign-in codes: once the person keeps the hostile page's account (their word, in the
      //    popup), automatic fill gives its code field that account's code (the positive
      //    control) and never another origin's.
      const kept = await keyfob.evaluate<{ ok: boolean }>(
        `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ keyfob: 1, name: 'keepPendingAccount', data: { id: ${JSON.stringify(own.id)} } })`,
      );
      expect(kept.ok).toBe(true);
      await turnOnAutoFill(keyfob, own.origin!);
      await evil.bringToFront();
      const fillStarted = Date.now();
      await evil.evaluate('window.showSignInForm()');
      const evilCode = await waitFor(
        async () => {
          const value = await evil.evaluate<string>(`document.getElementById('otp').value`);
          return /^\d{6}$/.test(value) ? value : undefined;
        },
        { what: 'automatic sign-in fill on the hostile page (its own account)' },
      );
      expect(acceptableCodes({ secret: forgedSecret }, fillStarted, Date.now())).toContain(
        evilCode,
      );

      const seen = await evil.evaluate<string>('window.everything()');
      const now = Date.now();
      for (const [label, secret] of [
        ['verified victim', victim.secret],
        ['pending victim', pendingSecret],
      ] as const) {
        expect(seen, `${label}'s secret reached the hostile page`).not.toContain(secret);
        for (const dt of [-60_000, -30_000, 0, 30_000]) {
          const code = totp({ secret }, now + dt);
          if (code === evilCode) continue; // a 1-in-a-million collision with its own code
          expect(seen, `${label}'s code reached the hostile page`).not.toContain(code);
        }
      }
      untouched(await listAccounts(keyfob));
    },
  );
});
