import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateCode } from '../otp';
import { base32Encode } from '../shared/base32';
import type { AccountId, Origin } from '../shared';
import { createMemoryVaultStore, createVaultService, type VaultService } from '../vault';
import {
  ANSWER_WAIT_MS,
  createEnrollmentService,
  type EnrollmentService,
  PENDING_TTL_MS,
  REFUSED_ONCE,
  TAB_REPORT_BURST,
  TAB_REPORT_REFILL_MS,
  TOO_MANY_HERE,
} from './enrollment';
import { createSettingsStore } from './settings';

const PASS = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SITE = 'https://app.example.com' as Origin;
const EVIL = 'https://evil.example' as Origin;
const uriFor = (secret: string, user = 'alice') =>
  `otpauth://totp/AWSCognito:${user}?secret=${secret}&issuer=AWSCognito`;

let clock = Date.UTC(2026, 10, 23, 12, 0, 10);
let vault: VaultService;
const waiting = vi.fn(async (_tabId: number) => {});

async function service(
  decoded: Record<string, string> = {},
  showRefusals?: (tabId: number, refusals: number) => Promise<void>,
) {
  vault = createVaultService({
    store: createMemoryVaultStore(),
    iterations: 1000,
    now: () => clock,
  });
  await vault.create(PASS, PASS);
  return createEnrollmentService({
    vault,
    settings: createSettingsStore(fakeBrowser.storage.local),
    now: () => clock,
    decodeQr: async (url) => decoded[url] ?? null,
    onWaitingForUnlock: waiting,
    ...(showRefusals ? { showRefusals } : {}),
  });
}

/** The enrollment service of a restarted background over the same vault: it remembers nothing. */
const restarted = () =>
  createEnrollmentService({
    vault,
    settings: createSettingsStore(fakeBrowser.storage.local),
    now: () => clock,
    decodeQr: async () => null,
    onWaitingForUnlock: waiting,
  });

/** What the browser saw a tab send: a VerifySoftwareToken with `code`. */
const sent = (code: string, requestId: string) => ({
  requestId,
  tabId: 1,
  origin: SITE,
  codes: [code],
  via: 'api' as const,
});

const evidence = (codes: string[], accepted: boolean, origin: string = SITE) => ({
  requestId: '1',
  tabId: 1,
  origin,
  codes,
  accepted,
  via: 'api' as const,
});

const totpAt = (secret: string, at: number) =>
  generateCode(
    { type: 'totp', secret, account: 'a', algorithm: 'SHA1', digits: 6, period: 30 },
    at,
  );

beforeEach(async () => {
  fakeBrowser.reset();
  clock = Date.UTC(2026, 10, 23, 12, 0, 10);
  waiting.mockClear();
});

describe('enrollment', () => {
  it('saves a QR code’s secret as pending on the reporting origin and answers with its code', async () => {
    const enrollment = await service({ 'data:image/png;base64,QR': uriFor(SECRET) });
    const reply = await enrollment.reportSetup(
      { qrImages: ['data:image/png;base64,QR'], hints: {} },
      { tabId: 1, origin: SITE },
    );
    expect(reply).toEqual({
      action: 'fill',
      enrollmentId: expect.any(String),
      code: await totpAt(SECRET, clock),
      deviceName: 'Keyfob',
      autoSubmit: false,
    });
    const [account] = (await vault.list()).accounts;
    expect(account).toMatchObject({ state: 'pending', origin: SITE });
    // Amplify's default issuer names no site: the host does.
    expect(account!.params).toMatchObject({ issuer: 'app.example.com', account: 'alice' });
  });

  it('keeps one account when the observer and the page report the same setup', async () => {
    const enrollment = await service();
    const first = await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    );
    const second = await enrollment.reportSetup(
      { otpauthUri: uriFor(SECRET, 'alice@example.com'), hints: {} },
      { tabId: 1, origin: SITE },
    );
    const { accounts } = await vault.list();
    expect(accounts).toHaveLength(1);
    expect(second).toMatchObject({
      enrollmentId: (first as { enrollmentId: string }).enrollmentId,
    });
    expect(accounts[0]!.params.account).toBe('alice@example.com');
  });

  it('prefers the site’s own otpauth label over the page title once the QR code is read', async () => {
    const enrollment = await service({
      'data:image/png;base64,QR': `otpauth://totp/KeyfobDemo:bob?secret=${SECRET}&issuer=KeyfobDemo`,
    });
    await enrollment.reportSetup(
      { secret: SECRET, hints: { account: 'bob', issuer: 'Sign in – Demo' } },
      { tabId: 1, origin: SITE },
    );
    expect((await vault.list()).accounts[0]!.params.issuer).toBe('Sign in – Demo');
    await enrollment.reportSetup(
      { secret: SECRET, qrImages: ['data:image/png;base64,QR'], hints: {} },
      { tabId: 1, origin: SITE },
    );
    const { accounts } = await vault.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.params).toMatchObject({ issuer: 'KeyfobDemo', account: 'bob' });
  });

  it('saves one account when the observer and the page report the same setup at once', async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    const replies = await Promise.all([
      enrollment.reportSetup({ secret: SECRET, hints: { account: 'alice' } }, site),
      enrollment.reportSetup({ otpauthUri: uriFor(SECRET), hints: {} }, site),
    ]);
    expect((await vault.list()).accounts).toHaveLength(1);
    expect(new Set(replies.map((r) => (r as { enrollmentId: string }).enrollmentId)).size).toBe(1);
  });

  it('a late report does not revive a discarded setup', async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, site);
    await enrollment.reportOutcome(
      { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } },
      site,
    );
    const late = await enrollment.reportSetup({ secret: SECRET, hints: {} }, site);
    expect(late).toMatchObject({ action: 'ignore' });
    expect((await vault.list()).accounts).toHaveLength(0);
    // Another origin showing that secret is its own business.
    expect(
      await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 2, origin: EVIL }),
    ).toMatchObject({ action: 'fill' });
  });

  it('a repeated report keeps the retry count and the refilled code', async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, site);
    const mismatch = { outcome: { kind: 'error' as const, errorName: 'CodeMismatchException' } };
    const refill = await enrollment.reportOutcome(mismatch, site);
    const again = await enrollment.reportSetup({ secret: SECRET, hints: {} }, site);
    expect((again as { code: string }).code).toBe((refill as { code: string }).code);
    expect(await enrollment.reportOutcome(mismatch, site)).toMatchObject({ action: 'explain' });
  });

  it('replaces the pending secret of a second setup for the same user and origin', async () => {
    const enrollment = await service();
    await enrollment.reportSetup(
      { otpauthUri: uriFor(SECRET), hints: {} },
      { tabId: 1, origin: SITE },
    );
    await enrollment.reportSetup(
      { otpauthUri: uriFor(OTHER_SECRET), hints: {} },
      { tabId: 1, origin: SITE },
    );
    const { accounts } = await vault.list();
    expect(accounts.map((a) => a.params.secret)).toEqual([OTHER_SECRET]);
  });

  it('a page’s SUCCESS or leaving the setup never verifies; the browser’s evidence does', async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    const fill = (await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)) as {
      enrollmentId: string;
      code: string;
    };
    const enrollmentId = fill.enrollmentId;
    for (const outcome of [
      { kind: 'status', status: 'SUCCESS' },
      { kind: 'left-setup' },
    ] as const) {
      expect(await enrollment.reportOutcome({ enrollmentId, outcome }, site)).toEqual({
        action: 'none',
      });
    }
    expect((await vault.list()).accounts).toMatchObject([{ state: 'pending' }]);
    await enrollment.observed(evidence([fill.code], true));
    expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
    // The page's late SUCCESS now only learns that its setup is done.
    expect(
      await enrollment.reportOutcome(
        { enrollmentId, outcome: { kind: 'status', status: 'SUCCESS' } },
        site,
      ),
    ).toEqual({ action: 'verified' });
  });

  it('evidence counts only for a code of the pending secret, on the origin that sent it', async () => {
    const enrollment = await service();
    const fill = (await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    )) as { code: string };
    await enrollment.observed(evidence([fill.code], true, EVIL));
    await enrollment.observed(evidence([await totpAt(OTHER_SECRET, clock)], true));
    await enrollment.observed(evidence([fill.code], false));
    expect((await vault.list()).accounts).toMatchObject([{ state: 'pending' }]);
    // After a restart nothing is remembered: a code of the secret near now still counts.
    const fresh = await service();
    await fresh.reportSetup({ secret: SECRET, hints: {} }, { tabId: 1, origin: SITE });
    await restarted().observed(evidence([await totpAt(SECRET, clock - 30_000)], true));
    expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
  });

  it('the person’s Keep verifies a pending account', async () => {
    const enrollment = await service();
    const fill = (await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    )) as { enrollmentId: string };
    await enrollment.personKept(fill.enrollmentId as AccountId);
    expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
  });

  it('a verified account is never demoted: a second verified setup of that name sits beside it', async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    const first = (await enrollment.reportSetup(
      { otpauthUri: uriFor(SECRET), hints: {} },
      site,
    )) as {
      enrollmentId: string;
      code: string;
    };
    await enrollment.observed(evidence([first.code], true));
    // A page reports a new secret under the same name and claims success: it stays pending.
    const second = (await enrollment.reportSetup(
      { otpauthUri: uriFor(OTHER_SECRET), hints: {} },
      site,
    )) as { enrollmentId: string; code: string };
    await enrollment.reportOutcome(
      { enrollmentId: second.enrollmentId, outcome: { kind: 'status', status: 'SUCCESS' } },
      site,
    );
    await enrollment.reportOutcome({ outcome: { kind: 'left-setup' } }, site);
    const states = () =>
      vault.list().then(({ accounts }) => Object.fromEntries(accounts.map((a) => [a.id, a.state])));
    expect(await states()).toEqual({
      [first.enrollmentId]: 'verified',
      [second.enrollmentId]: 'pending',
    });
    // Cognito really accepted the second setup: both are kept, for the person to choose.
    await enrollment.observed(evidence([second.code], true));
    expect(await states()).toEqual({
      [first.enrollmentId]: 'verified',
      [second.enrollmentId]: 'verified',
    });
  });

  it('retries a refused code once with a different code, then explains clock skew', async () => {
    const enrollment = await service();
    const fill = await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    );
    const refused = {
      outcome: { kind: 'error' as const, errorName: 'EnableSoftwareTokenMFAException' },
    };
    const retry = await enrollment.reportOutcome(refused, { tabId: 1, origin: SITE });
    expect(retry).toEqual({ action: 'refill', code: await totpAt(SECRET, clock + 30_000) });
    expect((retry as { code: string }).code).not.toBe((fill as { code: string }).code);
    const second = await enrollment.reportOutcome(
      { outcome: { kind: 'error', errorName: 'CodeMismatchException' } },
      { tabId: 1, origin: SITE },
    );
    expect(second).toEqual({ action: 'explain' });
    expect(enrollment.notices()[0]).toMatchObject({ messageKey: 'noticeClockSkew' });
    expect((await vault.list()).accounts[0]!.state).toBe('pending');
  });

  it('discards the pending secret when the setup session expired', async () => {
    const enrollment = await service();
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 1, origin: SITE });
    const reply = await enrollment.reportOutcome(
      { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } },
      { tabId: 1, origin: SITE },
    );
    expect(reply).toEqual({ action: 'explain' });
    expect((await vault.list()).accounts).toHaveLength(0);
    expect(enrollment.notices()[0]).toMatchObject({
      origin: SITE,
      messageKey: 'noticeSessionExpired',
    });
  });

  it("tells the setup page no words: the popup's notices carry them, by message name", async () => {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, site);
    const busy = { outcome: { kind: 'error' as const, errorName: 'TooManyRequestsException' } };
    expect(await enrollment.reportOutcome(busy, site)).toEqual({ action: 'explain' });
    // Codes refused twice: the clock.
    const refused = { outcome: { kind: 'error' as const, errorName: 'CodeMismatchException' } };
    await enrollment.reportOutcome(refused, site);
    expect(await enrollment.reportOutcome(refused, site)).toEqual({ action: 'explain' });
    // The popup words its notices when it asks (background.test.ts): they keep the name.
    expect(enrollment.notices().map((notice) => notice.messageKey)).toEqual([
      'noticeClockSkew',
      'noticeCodeRefusedOnce',
      'noticeTooManyAttempts',
    ]);
  });

  it('a hostile page’s forged outcomes cannot touch another origin’s accounts', async () => {
    const enrollment = await service();
    const fill = await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    );
    const id = (fill as { enrollmentId: string }).enrollmentId;
    for (const outcome of [
      { kind: 'status', status: 'SUCCESS' },
      { kind: 'error', errorName: 'NotAuthorizedException' },
      { kind: 'left-setup' },
    ] as const) {
      expect(
        await enrollment.reportOutcome({ enrollmentId: id, outcome }, { tabId: 2, origin: EVIL }),
      ).toEqual({
        action: 'none',
      });
    }
    expect((await vault.list()).accounts).toMatchObject([{ id, state: 'pending', origin: SITE }]);
  });

  it('never deletes a verified account, whatever a page reports later', async () => {
    const enrollment = await service();
    const fill = await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 1, origin: SITE },
    );
    await enrollment.observed(evidence([(fill as { code: string }).code], true));
    await enrollment.reportOutcome(
      { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } },
      { tabId: 1, origin: SITE },
    );
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 1, origin: SITE });
    expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
  });

  it('while locked, badges the tab and keeps nothing; after unlock the tab is rescanned', async () => {
    const enrollment = await service();
    vault.lock();
    const reply = await enrollment.reportSetup(
      { secret: SECRET, hints: {} },
      { tabId: 7, origin: SITE },
    );
    expect(reply).toEqual({ action: 'wait-unlock' });
    expect(waiting).toHaveBeenCalledWith(7);
    expect(enrollment.takeWaitingTabs()).toEqual([7]);
    expect(enrollment.takeWaitingTabs()).toEqual([]);
  });

  it('ignores pages with nothing usable, and malformed secrets', async () => {
    const enrollment = await service({ 'data:image/png;base64,QR': 'https://example.com/not-otp' });
    for (const report of [
      { hints: {} },
      { secret: 'NOT*BASE32', hints: {} },
      { secret: 'JBSWY3DP', hints: {} },
      { otpauthUri: 'otpauth://totp/x?secret=', hints: {} },
      { qrImages: ['data:image/png;base64,QR'], hints: {} },
    ]) {
      expect(await enrollment.reportSetup(report, { tabId: 1, origin: SITE })).toMatchObject({
        action: 'ignore',
      });
    }
    expect((await vault.list()).accounts).toHaveLength(0);
  });

  it('keeps at most 3 pending setups per origin and 20 in all, and never evicts a verified one', async () => {
    const enrollment = await service();
    const secrets = Array.from({ length: 30 }, (_, i) =>
      base32Encode(Uint8Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7 + 1) % 256)),
    );
    const verified = (await enrollment.reportSetup(
      { secret: SECRET, hints: { account: 'kept' } },
      { tabId: 1, origin: SITE },
    )) as { code: string };
    await enrollment.observed(evidence([verified.code], true));
    const replies = [];
    for (let i = 0; i < 5; i++) {
      replies.push(
        await enrollment.reportSetup(
          { secret: secrets[i]!, hints: { account: `user${i}` } },
          { tabId: 1, origin: SITE },
        ),
      );
    }
    expect(replies.map((r) => r.action)).toEqual(['fill', 'fill', 'fill', 'ignore', 'ignore']);
    expect(enrollment.notices()[0]).toMatchObject({ origin: SITE, messageKey: TOO_MANY_HERE });
    // Other origins, up to 20 pending in all.
    for (let i = 5; i < 30; i++) {
      await enrollment.reportSetup(
        { secret: secrets[i]!, hints: { account: 'x' } },
        { tabId: 100 + i, origin: `https://site${i}.example` as Origin },
      );
    }
    const { accounts } = await vault.list();
    expect(accounts.filter((a) => a.state === 'pending')).toHaveLength(20);
    expect(accounts.filter((a) => a.origin === SITE && a.state === 'pending')).toHaveLength(3);
    expect(accounts.filter((a) => a.state === 'verified')).toMatchObject([
      { params: { secret: SECRET } },
    ]);
  });

  it('removes pending setups older than a day, never verified ones', async () => {
    const enrollment = await service();
    const old = (await enrollment.reportSetup(
      { secret: SECRET, hints: { account: 'old' } },
      { tabId: 1, origin: SITE },
    )) as { code: string };
    await enrollment.reportSetup(
      { secret: OTHER_SECRET, hints: { account: 'older' } },
      { tabId: 1, origin: SITE },
    );
    await enrollment.observed(evidence([old.code], true));
    clock += PENDING_TTL_MS - 1;
    await enrollment.expire();
    expect((await vault.list()).accounts).toHaveLength(2);
    clock += 2;
    await enrollment.expire();
    expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
  });

  it('never fills a refused code again: the next step’s, then nothing; badge and notices say so', async () => {
    const badges = vi.fn(async (_tabId: number, _refusals: number) => {});
    const enrollment = await service({}, badges);
    const site = { tabId: 3, origin: SITE };
    const first = (await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)) as {
      code: string;
    };
    await enrollment.observed({ ...evidence([first.code], false), tabId: 3 });
    expect(badges).toHaveBeenLastCalledWith(3, 1);
    expect(enrollment.notices()[0]?.messageKey).toBe(REFUSED_ONCE);
    // A server-rendered page shows its setup screen again, within the same time step.
    const again = (await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)) as {
      code: string;
    };
    expect(again.code).not.toBe(first.code);
    expect(again.code).toBe(await totpAt(SECRET, clock + 30_000));
    // The page the refusal led to is badged too (a navigation clears the tab's badge).
    badges.mockClear();
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, { ...site, tabId: 4 });
    expect(badges).toHaveBeenCalledWith(4, 1);
    await enrollment.observed({ ...evidence([again.code], false), tabId: 3 });
    expect(badges).toHaveBeenLastCalledWith(3, 2);
    expect(enrollment.notices()[0]?.messageKey).toBe('noticeClockSkew');
    // Both codes of this step and the next were refused: nothing to fill until time moves on.
    expect(await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)).toMatchObject({
      action: 'ignore',
    });
    clock += 60_000;
    expect(await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)).toMatchObject({
      action: 'fill',
      code: await totpAt(SECRET, clock),
    });
  });

  describe('a setup screen reported while its code is on its way to the site', () => {
    const setup = { secret: SECRET, hints: {} };
    const site = { tabId: 1, origin: SITE };
    /** The service, and the code it filled and the tab then sent in request r1. */
    async function sentFirst() {
      const enrollment = await service();
      const { code } = (await enrollment.reportSetup(setup, site)) as { code: string };
      await enrollment.submitted(sent(code, 'r1'));
      return { enrollment, code };
    }
    /** A report's reply, and whether it has come: the origin's queue ran twice since. */
    async function pendingReport(enrollment: EnrollmentService) {
      let replied = false;
      const reply = enrollment.reportSetup(setup, site).finally(() => {
        replied = true;
      });
      for (const request of ['other-1', 'other-2']) {
        await enrollment.released(sent('000000', request));
      }
      return { reply, replied: () => replied };
    }

    it('waits for the answer: refused, it gets the next step’s code', async () => {
      const { enrollment, code } = await sentFirst();
      const report = await pendingReport(enrollment);
      expect(report.replied()).toBe(false);
      await enrollment.observed({ ...evidence([code], false), requestId: 'r1' });
      expect(await report.reply).toMatchObject({
        action: 'fill',
        code: await totpAt(SECRET, clock + 30_000),
      });
    });

    it('gets the code back once its request failed or was answered about something else', async () => {
      const { enrollment, code } = await sentFirst();
      const report = await pendingReport(enrollment);
      expect(report.replied()).toBe(false);
      await enrollment.released(sent(code, 'r1'));
      expect(await report.reply).toMatchObject({ action: 'fill', code });
      expect(enrollment.notices()).toEqual([]);
    });

    it('a single-page app that reports again before its dead setup is refused gets nothing to submit', async () => {
      const { enrollment } = await sentFirst();
      const report = await pendingReport(enrollment);
      // The session expired: the browser's answer says nothing of the code; the page discards.
      void enrollment.released(sent('000000', 'r1'));
      void enrollment.reportOutcome(
        { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } },
        site,
      );
      expect(await report.reply).toEqual({
        action: 'ignore',
        reason: 'this setup can no longer finish',
      });
    });

    it('the page’s word on the refusal, after the screen that waited got the next code, costs no further code', async () => {
      const { enrollment, code } = await sentFirst();
      const report = await pendingReport(enrollment);
      // The browser's answer comes first; the screen that waited for it gets the next code.
      await enrollment.observed({ ...evidence([code], false), requestId: 'r1' });
      const next = await totpAt(SECRET, clock + 30_000);
      expect(await report.reply).toMatchObject({ action: 'fill', code: next });
      // Then the page's observer says its VerifySoftwareToken (the one with `code`) was refused.
      const retry = await enrollment.reportOutcome(
        { outcome: { kind: 'error', errorName: 'CodeMismatchException' } },
        site,
      );
      // The page holds the next code already: nothing to refill, and that code is not spent.
      expect(retry).toEqual({ action: 'none' });
      expect(enrollment.notices().map((n) => n.messageKey)).toEqual([REFUSED_ONCE]);
      expect(await enrollment.reportSetup(setup, { ...site, tabId: 2 })).toMatchObject({
        action: 'fill',
        code: next,
      });
    });

    it('without an answer, gets the next step’s code after a while', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const { enrollment } = await sentFirst();
        const report = await pendingReport(enrollment);
        await vi.advanceTimersByTimeAsync(ANSWER_WAIT_MS - 1);
        expect(report.replied()).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        expect(await report.reply).toMatchObject({ code: await totpAt(SECRET, clock + 30_000) });
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('a single-page app’s refused VerifySoftwareToken: the page’s word and the browser’s in either order', async () => {
    for (const pageFirst of [true, false]) {
      const enrollment = await service();
      const site = { tabId: 1, origin: SITE };
      const first = (await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)) as {
        code: string;
      };
      const mismatch = { outcome: { kind: 'error' as const, errorName: 'CodeMismatchException' } };
      await enrollment.submitted(sent(first.code, 'r1'));
      const refill = pageFirst ? await enrollment.reportOutcome(mismatch, site) : undefined;
      await enrollment.observed({ ...evidence([first.code], false), requestId: 'r1' });
      const retry = refill ?? (await enrollment.reportOutcome(mismatch, site));
      expect(retry).toEqual({ action: 'refill', code: await totpAt(SECRET, clock + 30_000) });
      expect(enrollment.notices().map((n) => n.messageKey)).toEqual([REFUSED_ONCE]);
      await enrollment.submitted(sent((retry as { code: string }).code, 'r2'));
      await enrollment.observed({
        ...evidence([(retry as { code: string }).code], true),
        requestId: 'r2',
      });
      expect((await vault.list()).accounts).toMatchObject([{ state: 'verified' }]);
    }
  });

  /** A setup whose code a tab sent (request r1), seen by a background restarted since. */
  async function sentAfterRestart() {
    const enrollment = await service();
    const site = { tabId: 1, origin: SITE };
    const first = (await enrollment.reportSetup({ secret: SECRET, hints: {} }, site)) as {
      code: string;
    };
    const fresh = restarted();
    await fresh.submitted(sent(first.code, 'r1'));
    return { fresh, site, code: first.code };
  }

  it('after a restart, a page’s refusal costs the code the browser saw it send, not the next one', async () => {
    const { fresh, site } = await sentAfterRestart();
    expect(
      await fresh.reportOutcome(
        { outcome: { kind: 'error', errorName: 'CodeMismatchException' } },
        site,
      ),
    ).toEqual({ action: 'refill', code: await totpAt(SECRET, clock + 30_000) });
  });

  it('after a restart, the browser’s refusal then the page’s report of it cost one code, not two', async () => {
    const { fresh, site, code } = await sentAfterRestart();
    await fresh.observed({ ...evidence([code], false), requestId: 'r1' });
    expect(
      await fresh.reportOutcome(
        { outcome: { kind: 'error', errorName: 'CodeMismatchException' } },
        site,
      ),
    ).toEqual({ action: 'refill', code: await totpAt(SECRET, clock + 30_000) });
    expect(fresh.notices().map((n) => n.messageKey)).toEqual([REFUSED_ONCE]);
  });

  it('rate-limits reports per tab; another tab is not held back', async () => {
    const enrollment = await service();
    const replies = [];
    for (let i = 0; i <= TAB_REPORT_BURST; i++) {
      replies.push(await enrollment.reportSetup({ hints: {} }, { tabId: 1, origin: EVIL }));
    }
    expect(replies.at(-1)).toEqual({ action: 'ignore', reason: 'this page reports too often' });
    expect(replies.at(-2)).toMatchObject({ reason: 'no usable secret on this page' });
    expect(
      await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 2, origin: SITE }),
    ).toMatchObject({ action: 'fill' });
    clock += TAB_REPORT_REFILL_MS;
    expect(await enrollment.reportSetup({ hints: {} }, { tabId: 1, origin: EVIL })).toMatchObject({
      reason: 'no usable secret on this page',
    });
  });

  it('queues reports per origin: a page whose QR image never decodes stalls only itself', async () => {
    await service();
    const stuck = createEnrollmentService({
      vault,
      settings: createSettingsStore(fakeBrowser.storage.local),
      now: () => clock,
      decodeQr: () => new Promise<never>(() => {}),
      onWaitingForUnlock: waiting,
    });
    void stuck.reportSetup(
      { qrImages: ['data:image/png;base64,HUGE'], hints: {} },
      {
        tabId: 1,
        origin: EVIL,
      },
    );
    await expect(
      stuck.reportSetup({ secret: SECRET, hints: {} }, { tabId: 2, origin: SITE }),
    ).resolves.toMatchObject({ action: 'fill' });
  });
});
