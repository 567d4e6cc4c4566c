import { expect } from 'vitest';
import type { EnrollmentBrowser, WebPage } from './enrollment-browser';
import { launchEnrollmentBrowser } from './enrollment-browser';
import type { Listing, ListedAccount } from './enrollment-popup';
import { listAccounts, waitForListingWhere } from './enrollment-popup';
import type { ClientPageFlow, CognitoRig, RigFixture, RigUser } from './enrollment-rig';
import { readInputs, readText, uniqueUsername, waitForStatus } from './enrollment-rig';
import type { WindowOptions } from './driver';
import type { BrowserName } from './env';
import type { PopupPage } from './popup-page';
import { acceptableCodes } from '../../support/totp-oracle';
import { WaitAbort, sleep, waitFor } from './wait';

/** The passphrase of every vault the enrollment tests create. */
export const PASSPHRASE = 'enrollment tests passphrase';

/** Keyfob's default device name (settings.ts DEFAULT_SETTINGS.deviceName). */
export const DEFAULT_DEVICE_NAME = 'Keyfob';

/** Phase timings of one test, printed at its end. */
export class Timer {
  private readonly started = Date.now();
  private readonly marks: string[] = [];

  constructor(private readonly label: string) {}

  mark(phase: string): void {
    this.marks.push(`${phase} ${((Date.now() - this.started) / 1000).toFixed(1)}s`);
  }

  report(): void {
    const total = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log(`[e2e timing] ${this.label}: ${this.marks.join(', ')}; total ${total}s`);
  }
}

/** A browser with a new, unlocked vault, and the popup tab that created it. */
export interface EnrollmentSession {
  browser: EnrollmentBrowser;
  /** The first popup tab, kept open to ask the background (listCodes) while pages run. */
  console: PopupPage;
}

/** Launches `browserName` with the e2e build and creates a vault (left unlocked). */
export async function startSession(
  browserName: BrowserName,
  dist: string,
  windows: WindowOptions = {},
): Promise<EnrollmentSession> {
  const browser = await launchEnrollmentBrowser(browserName, dist, windows);
  const console = await browser.openPopup();
  await console.createVault(PASSPHRASE);
  return { browser, console };
}

/** A rig user for `flow`, with a name unique to this test. */
export function createUserFor(
  fixture: RigFixture,
  flow: ClientPageFlow,
  tag: string,
): Promise<RigUser> {
  return fixture.rig.createUser({
    username: uniqueUsername(`${tag}-${flow.name}`),
    pool: flow.pool,
  });
}

/** Opens the page of `flow` and waits until it shows its sign-in form. */
export async function openSignedOut(
  session: EnrollmentSession,
  fixture: RigFixture,
  flow: ClientPageFlow,
  query = '',
): Promise<WebPage> {
  const page = await session.browser.openPage(fixture.pages.urls[flow.name] + query);
  await waitForStatus(page, 'signed-out', fixture.rig);
  return page;
}

/** The secret the setup screen shows as text (upper case, no spaces). */
export async function shownSecret(page: WebPage, flow: ClientPageFlow): Promise<string> {
  const text = await waitFor(
    async () => {
      const value = (await readText(page, flow.secretSelector)).replace(/\s+/g, '').toUpperCase();
      return /^[A-Z2-7]{16,}$/.test(value) ? value : undefined;
    },
    { what: `the secret in ${flow.secretSelector}` },
  );
  return text;
}

/** Waits until the setup screen's code input(s) hold six digits; returns them. */
export function waitForFilledCode(
  page: WebPage,
  flow: ClientPageFlow,
  what = 'Keyfob to fill the setup code',
  accept: (code: string) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<string> {
  return waitFor(
    async () => {
      const code = await readInputs(page, flow.setupCodeSelector);
      return /^\d{6}$/.test(code) && accept(code) ? code : undefined;
    },
    { timeoutMs, what },
  );
}

/** Asserts that `code` is the TOTP of `secret` for a time within the last few seconds. */
export function expectCurrentCode(code: string, secret: string, sinceMs: number): void {
  const codes = acceptableCodes({ secret }, sinceMs, Date.now(), 2_000);
  expect(codes, `code ${code} is not a current TOTP of the secret`).toContain(code);
}

/** The one account the background lists for `origin` once `accept` holds for it. */
export function waitForAccount(
  consolePage: PopupPage,
  origin: string,
  accept: (account: ListedAccount, listing: Listing) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<ListedAccount> {
  return waitForListingWhere(
    consolePage,
    (listing) => {
      const mine = listing.accounts.filter((a) => a.origin === origin);
      if (mine.length > 1) {
        // One setup screen, one secret: a second account for it is a duplicate, never transient.
        const summary = mine.map(({ code: _code, ...rest }) => rest);
        throw new WaitAbort(
          `Keyfob saved ${mine.length} accounts for ${origin} where one setup was shown: ${JSON.stringify(summary)}`,
        );
      }
      return mine.length === 1 && accept(mine[0]!, listing) ? mine[0] : undefined;
    },
    what,
    timeoutMs,
  );
}

/** The last VerifySoftwareToken request the rig saw from `origin` (or the hosted server). */
export function lastVerifyRequest(rig: CognitoRig, origin: string | null) {
  return rig.log
    .filter(
      (e) => e.operation === 'VerifySoftwareToken' && (origin === null || e.origin === origin),
    )
    .at(-1);
}

/** What a failing enrollment test prints: the page, Keyfob's listing, the rig, the consoles. */
export async function diagnostics(
  session: EnrollmentSession | undefined,
  pages: { page: WebPage; flow?: ClientPageFlow }[],
  rig: CognitoRig,
): Promise<string> {
  const lines: string[] = [];
  for (const { page, flow } of pages) {
    const status = await page
      .evaluate<string>('document.body ? String(document.body.dataset.status) : "(no body)"')
      .catch((e: unknown) => `(unreadable: ${(e as Error).message})`);
    lines.push(`page ${page.url()} status=${status}`);
    if (flow) {
      const code = await readInputs(page, flow.setupCodeSelector).catch(() => '?');
      const name = flow.deviceNameSelector
        ? await readInputs(page, flow.deviceNameSelector).catch(() => '?')
        : '-';
      lines.push(`  setup code inputs=${JSON.stringify(code)} device name=${JSON.stringify(name)}`);
    }
    lines.push(`  console: ${page.logs.slice(-15).join('\n    ')}`);
  }
  if (session) {
    const listing = await session.console
      .evaluate<unknown>(
        `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ keyfob: 1, name: 'listCodes', data: {} })`,
      )
      .catch((e: unknown) => `(unreadable: ${(e as Error).message})`);
    lines.push(`keyfob listing: ${JSON.stringify(listing)}`);
    lines.push(`background console: ${session.browser.backgroundLogs.slice(-20).join('\n    ')}`);
  }
  lines.push(
    `rig calls: ${rig.log
      .slice(-12)
      .map(
        (e) =>
          `${e.operation}(${e.origin ?? 'server'})→${e.errorType ?? e.status}` +
          (e.operation === 'VerifySoftwareToken'
            ? ` code=${String(e.request?.UserCode)} name=${String(e.request?.FriendlyDeviceName)}`
            : ''),
      )
      .join(', ')}`,
  );
  return lines.join('\n');
}

/** Runs `body`; on failure prints {@link diagnostics} before rethrowing the original error. */
export async function withDiagnostics<T>(
  context: () => {
    session?: EnrollmentSession | undefined;
    pages: { page: WebPage; flow?: ClientPageFlow }[];
    rig: CognitoRig;
  },
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const { session, pages, rig } = context();
    const text = await diagnostics(session, pages, rig).catch(
      (e: unknown) => `(diagnostics failed: ${(e as Error).message})`,
    );
    console.log(`[e2e diagnostics]\n${text}`);
    throw error;
  }
}

/** A finished enrollment: the page (signed in), its user and secret, Keyfob's account. */
export interface Enrolled {
  page: WebPage;
  user: RigUser;
  secret: string;
  account: ListedAccount;
}

/**
 * The happy path in one call, for tests that need an enrolled account to start from: sign
 * in, let Keyfob fill, press the page's button, wait until Keyfob marks the account verified.
 */
export async function enroll(
  session: EnrollmentSession,
  fixture: RigFixture,
  flow: ClientPageFlow,
  tag: string,
): Promise<Enrolled> {
  const { rig } = fixture;
  const user = await createUserFor(fixture, flow, tag);
  const page = await openSignedOut(session, fixture, flow);
  await page.bringToFront();
  await flow.goToSetup(page, user, rig);
  const secret = await shownSecret(page, flow);
  await waitForFilledCode(page, flow);
  await flow.submitSetup(page);
  await waitForStatus(page, flow.setupDoneStatus(user), rig);
  const account = await waitForAccount(
    session.console,
    fixture.pages.origins[flow.name],
    (a) => a.status === 'verified',
    `the ${flow.name} account to become verified`,
  );
  return { page, user, secret, account };
}

/** Waits until the rig has seen `count` VerifySoftwareToken calls in this test. */
export function waitForVerifyCalls(rig: CognitoRig, count: number, timeoutMs = 15_000) {
  return waitFor(
    () => {
      const calls = rig.log.filter((e) => e.operation === 'VerifySoftwareToken');
      return calls.length >= count && calls.every((c) => c.status !== 0) ? calls : undefined;
    },
    { timeoutMs, what: `${count} VerifySoftwareToken call(s) at the rig` },
  );
}

/**
 * A person reading the filled code before pressing the page's button. Longer than the content
 * script's mutation debounce (250 ms) plus its QR capture, so that Keyfob has reported
 * everything the setup screen shows before the page talks to Cognito again. The scenario
 * where Keyfob itself submits at machine speed has a test of its own.
 */
export const personReads = () => sleep(1_500);

/** Badges of the tabs showing web pages (not the extension's own pages). */
export async function webTabBadges(session: EnrollmentSession): Promise<string[]> {
  const origin = session.browser.extensionOrigin;
  const tabs = await session.browser.badges();
  return tabs.filter((tab) => !tab.url?.startsWith(`${origin}/`)).map((tab) => tab.badge);
}

/**
 * Asserts, for `ms`, that Keyfob lists no account for `origin` (a removed pending account
 * must not come back while the page still shows the setup screen).
 */
export async function expectNoAccountFor(
  consolePage: PopupPage,
  origin: string,
  ms: number,
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const listing = await listAccounts(consolePage);
    const back = listing.accounts.filter((a) => a.origin === origin);
    if (back.length > 0) {
      const summary = back.map(({ code: _code, ...rest }) => rest);
      throw new Error(
        `a removed account for ${origin} is listed again: ${JSON.stringify(summary)}`,
      );
    }
    if (Date.now() >= until) return;
    await sleep(200);
  }
}

/**
 * Turns automatic sign-in fill on for one exact origin, as the popup's "Fill automatically on
 * <origin>" does: a `setAutoFill` request from an extension page (`page`, e.g. the session's
 * console). Fails the test if the background refuses.
 */
export async function turnOnAutoFill(
  page: { evaluate<T>(expression: string): Promise<T> },
  origin: string,
): Promise<void> {
  const data = JSON.stringify({ origin, on: true });
  const reply = await page.evaluate<{ ok: boolean; value?: { origins: string[] } }>(
    `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ keyfob: 1, name: 'setAutoFill', data: ${data} })`,
  );
  if (!reply.ok || !reply.value?.origins.includes(origin)) {
    throw new Error(
      `Keyfob did not turn automatic fill on for ${origin}: ${JSON.stringify(reply)}`,
    );
  }
}
