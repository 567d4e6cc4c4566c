import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentCommand } from '../messaging/content-protocol';
import type { ClockStatus, CodeListing, Reply } from '../messaging/protocol';
import { generateCode, MAX_CLOCK_OFFSET_MS } from '../otp';
import { createMemoryVaultStore, createVaultService } from '../vault';
import {
  PASSPHRASE,
  TEST_ITERATIONS,
  secretFor,
  seedVault,
  type SeedAccount,
} from '../../test/support/ui/seed-vault';
import { createBackground } from './background';
import { serverTimeOf } from './server-date-listener';
import { loadShippedCatalogue } from '../../test/support/catalogues';

// The codes' clock through the real background (message server, vault, enrollment, sign-in
// fill): a Cognito answer's Date header, as the browser saw it, moves every code Keyfob gives;
// nothing a page says does (docs/architecture.md §3 rule 14).

const OURS = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const POPUP = { id: OURS.id, url: `${OURS.origin}/popup.html` };
const SITE = 'https://app.example.com';
const API_HOST = 'cognito-idp.eu-west-1.amazonaws.com';
const TAB_ID = 7;
const AHEAD_MS = 90_000;
/** What Keyfob learns from a Date header 90 s ahead: the middle of that header's second. */
const LEARNED_MS = AHEAD_MS + 500;

let clock: number;
let sent: ContentCommand[];

type MemoryStore = ReturnType<typeof createMemoryVaultStore>;

async function start(
  accounts: SeedAccount[],
  store?: MemoryStore,
  sleep: (ms: number) => Promise<void> = async (ms) => {
    clock += ms;
  },
) {
  const vaultStore = store ?? createMemoryVaultStore();
  const ids = store ? [] : (await seedVault(vaultStore, accounts, 0)).ids;
  const background = createBackground({
    loadCatalogue: loadShippedCatalogue,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    alarms: fakeBrowser.alarms,
    openStore: async () => vaultStore,
    tabs: {
      activeTab: async () => ({ id: TAB_ID, url: `${SITE}/login` }),
      sendToTopFrame: async (_tabId: number, command: ContentCommand) => {
        sent.push(command);
        return { done: true };
      },
      loadHelper: async () => {},
      injectContentScripts: async () => {},
      setBadge: async () => {},
      captureVisibleTab: async () => 'data:image/png;base64,',
    },
    decodeQr: async () => null,
    decodeQrImage: async () => [],
    ours: OURS,
    now: () => clock,
    sleep,
    iterations: TEST_ITERATIONS,
  });
  const send = <T>(name: string, data: object = {}, sender: object = POPUP) =>
    background.handleMessage({ keyfob: 1, name, data }, sender) as Promise<Reply<T>>;
  const value = async <T>(name: string, data: object = {}, sender: object = POPUP) => {
    const reply = await send<T>(name, data, sender);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  };
  if (!store) await value('unlockVault', { passphrase: PASSPHRASE });
  const page = { id: OURS.id, url: `${SITE}/setup`, tab: { id: TAB_ID } };
  return {
    ids,
    background,
    value,
    listing: () => value<CodeListing>('listCodes'),
    clockStatus: () => value<ClockStatus>('getClock'),
    /** What the content script of the site's tab sends. */
    fromPage: <T>(name: string, data: object) => value<T>(name, data, page),
    /** A Cognito API answer the browser saw arrive now, its server clock `aheadMs` ahead. */
    answer: (aheadMs: number, host = API_HOST, requestId?: string) =>
      background.handleServerTime(
        { date: new Date(clock + aheadMs).toUTCString(), arrivedAtMs: clock, host },
        requestId,
      ),
  };
}

const alice: SeedAccount = { account: 'alice', state: 'verified', origin: SITE };
const params = (index: number) =>
  ({
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    account: 'someone',
    secret: secretFor(index),
  }) as const;

beforeEach(() => {
  fakeBrowser.reset();
  // Ten seconds into a 30-second step.
  clock = Date.UTC(2026, 11, 4, 12, 0, 10);
  sent = [];
});

describe('the codes’ clock', () => {
  it('moves every code by a Cognito answer’s Date header the browser saw', async () => {
    const bg = await start([alice]);
    const before = await bg.listing();
    expect(before.clockOffsetMs).toBe(0);
    expect(before.accounts[0]!.code).toBe(await generateCode(params(0), clock));

    await bg.answer(AHEAD_MS);

    const after = await bg.listing();
    const serverNow = clock + LEARNED_MS;
    expect(after.clockOffsetMs).toBe(LEARNED_MS);
    expect(after.nowMs).toBe(serverNow);
    expect(after.accounts[0]!.code).toBe(await generateCode(params(0), serverNow));
    expect(after.accounts[0]!.code).not.toBe(before.accounts[0]!.code);
    // The countdown runs to the end of the server's step, not this computer's.
    expect(after.accounts[0]!.validUntilMs).toBe(Date.UTC(2026, 11, 4, 12, 2, 0));

    // Sign-in fill, by gesture and automatically, gives the server's code too.
    await bg.value('fillActiveTab', { id: bg.ids[0] });
    expect(sent.at(-1)).toMatchObject({ command: 'fillCode', code: after.accounts[0]!.code });
    await bg.value('setAutoFill', { origin: SITE, on: true });
    const auto = await bg.value<{ code: string }>(
      'requestSignInCode',
      {},
      { id: OURS.id, url: `${SITE}/login`, tab: { id: TAB_ID }, frameId: 0 },
    );
    expect(auto.code).toBe(after.accounts[0]!.code);

    expect(await bg.clockStatus()).toEqual({
      offsetMs: LEARNED_MS,
      learnedFrom: API_HOST,
      learnedAtMs: clock,
    });
  });

  it('fills a setup with the server’s code, and after a refusal the code its Date calls for', async () => {
    const bg = await start([]);
    const setup = await bg.fromPage<{ action: string; code: string; enrollmentId: string }>(
      'reportSetupScreen',
      { source: 'dom', secret: secretFor(5), hints: {} },
    );
    expect(setup).toMatchObject({ action: 'fill', code: await generateCode(params(5), clock) });

    // Cognito refused it: its answer's Date says its clock is 90 s ahead.
    await bg.answer(AHEAD_MS);
    await bg.background.handleVerifyEvidence({
      requestId: '1',
      tabId: TAB_ID,
      origin: SITE,
      codes: [setup.code],
      accepted: false,
      via: 'api',
    });
    const refill = await bg.fromPage<{ action: string; code: string }>('reportVerifyOutcome', {
      enrollmentId: setup.enrollmentId,
      outcome: { kind: 'error', errorName: 'CodeMismatchException' },
    });
    expect(refill).toEqual({
      action: 'refill',
      code: await generateCode(params(5), clock + LEARNED_MS),
    });
  });

  it('makes a setup’s code by the answer that brought it, when the page reports before the browser', async () => {
    // Sleeps end only when the test says: the wait for the answer is bounded by one.
    const sleeping: (() => void)[] = [];
    const bg = await start(
      [],
      undefined,
      (ms) => new Promise<void>((wake) => sleeping.push(() => ((clock += ms), wake()))),
    );
    const report = (secret: string) =>
      bg.fromPage<{ action: string; code: string }>('reportSetupScreen', {
        source: 'dom',
        secret,
        hints: {},
      });
    /** Until the setup waits for an answer (its bounded wait has begun). */
    const waiting = async () => {
      for (let i = 0; i < 500 && sleeping.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(sleeping).toHaveLength(1);
    };

    // AssociateSoftwareToken left the tab; its answer (the secret) reached the page, whose
    // report comes first. Cognito's clock is 90 s ahead.
    bg.background.handleServerRequest(TAB_ID, 'associate');
    const setup = report(secretFor(5));
    await waiting();
    await bg.answer(AHEAD_MS, API_HOST, 'associate');
    expect(await setup).toMatchObject({
      action: 'fill',
      code: await generateCode(params(5), clock + LEARNED_MS),
    });
    sleeping.length = 0; // The bound's sleep, no longer waited for.

    // Another tab's request in flight holds no one else back, nor does a failed one.
    bg.background.handleServerRequest(TAB_ID + 1, 'elsewhere');
    bg.background.handleServerRequest(TAB_ID, 'failed');
    bg.background.handleServerRequestFailed('failed');
    expect(await report(secretFor(6))).toMatchObject({ action: 'fill' });
    expect(sleeping).toHaveLength(0);

    // One the browser never reports holds its tab only for the wait's bound; the code is then
    // made by the clock as it is.
    bg.background.handleServerRequest(TAB_ID, 'lost');
    const late = report(secretFor(7));
    await waiting();
    sleeping.splice(0).forEach((wake) => wake());
    expect(await late).toMatchObject({
      action: 'fill',
      code: await generateCode(params(7), clock + LEARNED_MS),
    });
  });

  it('never moves for anything a page says', async () => {
    const bg = await start([alice]);
    const forged = {
      date: new Date(clock + AHEAD_MS).toUTCString(),
      serverTime: clock + AHEAD_MS,
      clockOffsetMs: AHEAD_MS,
    };
    await bg.fromPage('reportSetupScreen', {
      source: 'dom',
      secret: secretFor(6),
      hints: {},
      ...forged,
    });
    await bg.fromPage('reportVerifyOutcome', {
      outcome: { kind: 'error', errorName: 'CodeMismatchException', ...forged },
      ...forged,
    });
    await bg.fromPage('requestSignInCode', forged).catch(() => {});
    // A content script may not reset or read the clock either.
    await expect(bg.fromPage('resetClock', {})).rejects.toThrow(/sender-refused/);
    await expect(bg.fromPage('getClock', {})).rejects.toThrow(/sender-refused/);

    expect(await bg.clockStatus()).toEqual({ offsetMs: 0 });
    expect((await bg.listing()).accounts[0]!.code).toBe(await generateCode(params(0), clock));
  });

  it('ignores a Date beyond five minutes either way, and jitter of two seconds or less', async () => {
    const bg = await start([alice]);
    await bg.answer(MAX_CLOCK_OFFSET_MS + 1000);
    await bg.answer(-MAX_CLOCK_OFFSET_MS - 1000);
    await bg.answer(1000);
    await bg.answer(-2000);
    expect(await bg.clockStatus()).toEqual({ offsetMs: 0 });

    await bg.answer(AHEAD_MS);
    clock += 60_000;
    await bg.answer(AHEAD_MS + 1000, 'other.example');
    expect(await bg.clockStatus()).toMatchObject({ offsetMs: LEARNED_MS, learnedFrom: API_HOST });
    // Past the bound the last good offset stays.
    await bg.answer(MAX_CLOCK_OFFSET_MS + 60_000);
    expect((await bg.clockStatus()).offsetMs).toBe(LEARNED_MS);
  });

  it('keeps the offset across a restart, forgets it on Reset, and a new vault starts at zero', async () => {
    const store = createMemoryVaultStore();
    await seedVault(store, [alice], 0);
    const first = await start([], store);
    await first.value('unlockVault', { passphrase: PASSPHRASE });
    await first.answer(AHEAD_MS);

    // A restarted worker over the same storage, locked: the options page still shows it.
    const restarted = await start([], store);
    expect((await restarted.clockStatus()).offsetMs).toBe(LEARNED_MS);
    expect(await restarted.value('resetClock')).toEqual({ offsetMs: 0 });
    expect(await restarted.clockStatus()).toEqual({ offsetMs: 0 });
    await restarted.answer(AHEAD_MS);
    expect((await restarted.clockStatus()).offsetMs).toBe(LEARNED_MS);

    // Another vault on this profile (its store replaced) has none of the old vault's offset.
    const fresh = createMemoryVaultStore();
    await createVaultService({ store: fresh, iterations: TEST_ITERATIONS }).create(
      PASSPHRASE,
      PASSPHRASE,
    );
    const other = await start([], fresh);
    expect(await other.clockStatus()).toEqual({ offsetMs: 0 });
    // Without a vault there is nothing to keep an offset for; creating one starts at zero.
    const empty = await start([], createMemoryVaultStore());
    await empty.answer(AHEAD_MS);
    await empty.value('createVault', { passphrase: PASSPHRASE, confirmation: PASSPHRASE });
    expect(await empty.clockStatus()).toEqual({ offsetMs: 0 });
  });
});

describe('which answers tell the time', () => {
  const date = 'Fri, 04 Dec 2026 12:01:40 GMT';
  const headers = (...extra: [string, string][]) =>
    [['Date', date] as const, ...extra].map(([name, value]) => ({ name, value }));
  const released = { loopback: false };
  const e2e = { loopback: true };

  it('reads Cognito’s API answers, which name their request id, and its hosted pages', () => {
    expect(
      serverTimeOf(`https://${API_HOST}/`, headers(['x-amzn-RequestId', 'r1']), 5, released),
    ).toEqual({ date, arrivedAtMs: 5, host: API_HOST });
    const hosted = 'https://shop.auth.eu-west-1.amazoncognito.com/mfa';
    expect(serverTimeOf(hosted, headers(), 5, released)?.host).toBe(
      'shop.auth.eu-west-1.amazoncognito.com',
    );
  });

  it('ignores every other server, and an answer without a Date', () => {
    const named = headers(['x-amzn-RequestId', 'r1']);
    expect(serverTimeOf(`https://${API_HOST}/`, headers(), 5, released)).toBeNull();
    expect(
      serverTimeOf(`https://${API_HOST}/`, [{ name: 'x-amzn-RequestId', value: 'r' }], 5, released),
    ).toBeNull();
    expect(serverTimeOf('https://app.example.com/api', named, 5, released)).toBeNull();
    expect(serverTimeOf(`https://${API_HOST}.evil.example/`, named, 5, released)).toBeNull();
    expect(serverTimeOf('http://127.0.0.1:9000/', named, 5, released)).toBeNull();
    // The e2e build: the loopback rig counts, the loopback test pages beside it do not.
    expect(serverTimeOf('http://127.0.0.1:9000/', named, 5, e2e)?.host).toBe('127.0.0.1:9000');
    expect(serverTimeOf('http://127.0.0.1:9001/config.json', headers(), 5, e2e)).toBeNull();
  });
});
