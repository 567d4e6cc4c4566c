import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateCode } from '../otp';
import type { Origin } from '../shared';
import { createMemoryVaultStore, createVaultService, type VaultService } from '../vault';
import { createEnrollmentService } from './enrollment';
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

async function service(decoded: Record<string, string> = {}) {
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
  });
}

const totpAt = (secret: string, at: number) =>
  generateCode(
    { type: 'totp', secret, account: 'a', algorithm: 'SHA1', digits: 6, period: 30 },
    at,
  );

beforeEach(() => {
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

  it('verifies on SUCCESS and marks the user’s older verified account for the origin replaced', async () => {
    const enrollment = await service();
    const old = await enrollment.reportSetup(
      { otpauthUri: uriFor(SECRET), hints: {} },
      { tabId: 1, origin: SITE },
    );
    await enrollment.reportOutcome(
      { outcome: { kind: 'status', status: 'SUCCESS' } },
      { tabId: 1, origin: SITE },
    );
    const fresh = await enrollment.reportSetup(
      { otpauthUri: uriFor(OTHER_SECRET), hints: {} },
      { tabId: 1, origin: SITE },
    );
    const reply = await enrollment.reportOutcome(
      {
        enrollmentId: (fresh as { enrollmentId: string }).enrollmentId,
        outcome: { kind: 'status', status: 'SUCCESS' },
      },
      { tabId: 1, origin: SITE },
    );
    expect(reply).toEqual({ action: 'verified' });
    const states = Object.fromEntries((await vault.list()).accounts.map((a) => [a.id, a.state]));
    expect(states[(old as { enrollmentId: string }).enrollmentId]).toBe('replaced');
    expect(states[(fresh as { enrollmentId: string }).enrollmentId]).toBe('verified');
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
    expect(second).toMatchObject({ action: 'explain', message: expect.stringMatching(/clock/) });
    expect((await vault.list()).accounts[0]!.state).toBe('pending');
  });

  it('discards the pending secret when the setup session expired', async () => {
    const enrollment = await service();
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 1, origin: SITE });
    const reply = await enrollment.reportOutcome(
      { outcome: { kind: 'error', errorName: 'NotAuthorizedException' } },
      { tabId: 1, origin: SITE },
    );
    expect(reply.action).toBe('explain');
    expect((await vault.list()).accounts).toHaveLength(0);
    expect(enrollment.notices()[0]).toMatchObject({ origin: SITE });
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
    await enrollment.reportSetup({ secret: SECRET, hints: {} }, { tabId: 1, origin: SITE });
    await enrollment.reportOutcome({ outcome: { kind: 'left-setup' } }, { tabId: 1, origin: SITE });
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
});
