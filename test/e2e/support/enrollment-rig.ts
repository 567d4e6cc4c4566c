import { randomBytes } from 'node:crypto';
// The rig is plain Node ESM without declarations (test/rig/README.md); the interfaces below
// type the part of it these tests use.
// @ts-expect-error -- untyped ESM module of the test rig, typed by CognitoRig below
import { startCognitoRig as startRigUntyped } from '../../rig/cognito.mjs';
// @ts-expect-error -- untyped ESM module of the test rig, typed by ClientPages below
import { startClientPages as startPagesUntyped } from '../../rig/pages.mjs';
import type { WebPage } from './enrollment-browser';
import { WaitAbort, waitFor } from './wait';

/** Pool keys of the rig. */
export type RigPool = 'required' | 'optional' | 'off';

/** A user made by the rig. */
export interface RigUser {
  username: string;
  password: string;
  userPoolId: string;
  clientId: string;
  pool: string;
}

/** The emulator's record of a user, summarised by the rig. */
export interface RigUserState {
  username: string;
  status: string;
  mfaSettingList: string[];
  preferredMfaSetting: string | null;
  softwareTokenMfa: {
    associated: boolean;
    verified: boolean;
    enabled: boolean;
    preferred: boolean;
    friendlyDeviceName: string | null;
    secret: string | null;
  };
}

/** One Cognito call through the rig's proxy. */
export interface RigLogEntry {
  operation: string;
  request: Record<string, unknown> | null;
  origin: string | null;
  status: number;
  response: unknown;
  errorType: string | null;
  time: number;
}

/** The part of `startCognitoRig()`'s result the tests use. */
export interface CognitoRig {
  endpoint: string;
  pools: Record<RigPool, { userPoolId: string; clientId: string }>;
  knobs: {
    realisticErrors: boolean;
    sessionTtlMs: number;
    latencyMs: number;
    /** The rig's clock minus this machine's: its Date headers and its TOTP checks. */
    clockSkewMs: number;
  };
  log: RigLogEntry[];
  clearLog(): void;
  createUser(options?: {
    username?: string;
    password?: string;
    pool?: RigPool | string;
  }): Promise<RigUser>;
  getUser(username: string, pool?: RigPool | string): Promise<RigUserState | null>;
  failNext(
    operation: string,
    errorType: string,
    options?: {
      message?: string;
      status?: number;
      times?: number;
      when?: (body: Record<string, unknown>) => boolean;
    },
  ): void;
  clearFailures(): void;
  expireSessions(): void;
  /** A new pool with its app client; `key` names it for createUser/getUser/setPoolMfa. */
  createPool(options: {
    key: string;
    mfa?: 'ON' | 'OPTIONAL' | 'OFF';
    softwareTokenMfa?: boolean;
  }): Promise<{ key: string; userPoolId: string; clientId: string }>;
  /** Changes a pool's MFA mode as the proxy applies it (OFF: TOTP calls are refused). */
  setPoolMfa(
    pool: string,
    options: { mfa?: 'ON' | 'OPTIONAL' | 'OFF'; softwareTokenMfa?: boolean },
  ): void;
  stop(): Promise<void>;
}

/** The part of `startClientPages()`'s result the tests use. */
export interface ClientPages {
  urls: Record<ClientPageName, string>;
  origins: Record<ClientPageName, string>;
  stop(): Promise<void>;
}

/** The rig's client pages. */
export type ClientPageName = 'amplify-ui' | 'amplify-api' | 'identity-js' | 'hosted';

export const CLIENT_PAGES: readonly ClientPageName[] = [
  'amplify-ui',
  'amplify-api',
  'identity-js',
  'hosted',
];

/** The rig and its pages, started together and stopped together. */
export interface RigFixture {
  rig: CognitoRig;
  pages: ClientPages;
  stop(): Promise<void>;
}

/** Starts the Cognito rig and the client pages (vite builds are cached by the rig). */
export async function startRigFixture(): Promise<RigFixture> {
  const rig = (await startRigUntyped()) as CognitoRig;
  let pages: ClientPages;
  try {
    pages = (await startPagesUntyped({
      cognitoEndpoint: rig.endpoint,
      pools: rig.pools,
    })) as ClientPages;
  } catch (error) {
    await rig.stop().catch(() => undefined);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    rig,
    pages,
    stop() {
      stopped ??= (async () => {
        await pages.stop().catch(() => undefined);
        await rig.stop();
      })();
      return stopped;
    },
  };
}

/** Puts the rig's knobs back to their defaults between tests. */
export function resetRig(rig: CognitoRig): void {
  rig.clearFailures();
  rig.clearLog();
  rig.knobs.realisticErrors = false;
  rig.knobs.latencyMs = 0;
  rig.knobs.sessionTtlMs = 3 * 60 * 1000;
  rig.knobs.clockSkewMs = 0;
}

/** A username no other test uses (the rig's pools outlive single tests). */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Page status

/** The page's `body[data-status]`, or null while it navigates. */
export async function pageStatus(page: WebPage): Promise<string | null> {
  try {
    return await page.evaluate<string | null>(
      'document.body ? document.body.dataset.status ?? null : null',
    );
  } catch {
    return null;
  }
}

/**
 * Waits for the page status `expected`. An `error:` status that was not expected ends the wait
 * at once; the error names the last Cognito calls and the page's console.
 */
export async function waitForStatus(
  page: WebPage,
  expected: string | RegExp,
  rig: CognitoRig,
  timeoutMs = 20_000,
): Promise<string> {
  const matches = (status: string) =>
    typeof expected === 'string' ? status === expected : expected.test(status);
  let last: string | null = null;
  try {
    return await waitFor(
      async () => {
        last = await pageStatus(page);
        if (last === null) return undefined;
        if (matches(last)) return last;
        if (last.startsWith('error:')) throw new WaitAbort(`page status ${last}`);
        return undefined;
      },
      { timeoutMs, what: `page status ${String(expected)}` },
    );
  } catch (error) {
    const calls = rig.log
      .slice(-6)
      .map((e) => `${e.operation}→${e.errorType ?? e.status}`)
      .join(', ');
    throw new Error(
      `${(error as Error).message} (status: ${last}; last Cognito calls: ${calls}; page console: ${page.logs
        .slice(-8)
        .join(' | ')})`,
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Client page flows

/** How to walk one client page through sign-in, TOTP setup and sign-in with a code. */
export interface ClientPageFlow {
  name: ClientPageName;
  /** The pool the page uses by default (amplify-api sets up while signed in). */
  pool: RigPool;
  /** The page's own device-name field, if it has one. */
  deviceNameSelector?: string;
  /** Selector of the code input(s) of the setup screen. */
  setupCodeSelector: string;
  /** Selector of the secret the setup screen shows as text. */
  secretSelector: string;
  /** Page status once the setup is done. */
  setupDoneStatus(user: RigUser): string;
  /** From the signed-out page to the setup screen (status `setup-totp`). */
  goToSetup(page: WebPage, user: RigUser, rig: CognitoRig): Promise<void>;
  /** Presses the page's own submit button on the setup screen. */
  submitSetup(page: WebPage): Promise<void>;
  /** Signs out from the signed-in page (status `signed-out`). */
  signOut(page: WebPage, rig: CognitoRig): Promise<void>;
  /** Submits username and password (the page then asks for a code). */
  submitCredentials(page: WebPage, user: RigUser): Promise<void>;
  /** Selector of the sign-in code input(s). */
  signInCodeSelector: string;
  /** Types a sign-in code and submits it. */
  enterSignInCode(page: WebPage, code: string): Promise<void>;
}

/** The digits currently in the inputs matched by `selector`, joined. */
export function readInputs(page: WebPage, selector: string): Promise<string> {
  return page.evaluate<string>(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (i) => i.value).join('')`,
  );
}

/** The trimmed innerText of the first element matching `selector`. */
export function readText(page: WebPage, selector: string): Promise<string> {
  return page.evaluate<string>(
    `(document.querySelector(${JSON.stringify(selector)})?.innerText ?? '').trim()`,
  );
}

async function typeDigits(page: WebPage, containerSelector: string, code: string) {
  for (let i = 0; i < code.length; i += 1) {
    await page.type(`${containerSelector} input:nth-of-type(${i + 1})`, code[i]!);
  }
}

const amplifyUi: ClientPageFlow = {
  name: 'amplify-ui',
  pool: 'required',
  setupCodeSelector: 'form[data-amplify-authenticator-setup-totp] input[name=confirmation_code]',
  secretSelector: 'form[data-amplify-authenticator-setup-totp] [data-amplify-copy]',
  setupDoneStatus: (user) => `signed-in:${user.username}`,
  async goToSetup(page, user, rig) {
    await amplifyUi.submitCredentials(page, user);
    await waitForStatus(page, 'setup-totp', rig);
  },
  async submitSetup(page) {
    await page.click('form[data-amplify-authenticator-setup-totp] button[type=submit]');
  },
  async signOut(page, rig) {
    await page.click('#sign-out');
    await waitForStatus(page, 'signed-out', rig);
  },
  async submitCredentials(page, user) {
    await page.type('[data-amplify-authenticator-signin] input[name=username]', user.username);
    await page.type('[data-amplify-authenticator-signin] input[name=password]', user.password);
    await page.click('[data-amplify-authenticator-signin] button[type=submit]');
  },
  signInCodeSelector: '[data-amplify-authenticator-confirmsignin] input[name=confirmation_code]',
  async enterSignInCode(page, code) {
    await page.type(amplifyUi.signInCodeSelector, code);
    await page.click('[data-amplify-authenticator-confirmsignin] button[type=submit]');
  },
};

const amplifyApi: ClientPageFlow = {
  name: 'amplify-api',
  pool: 'optional',
  setupCodeSelector: '#setup-code',
  secretSelector: '#secret',
  setupDoneStatus: (user) => `totp-enabled:${user.username}`,
  async goToSetup(page, user, rig) {
    await amplifyApi.submitCredentials(page, user);
    await waitForStatus(page, `signed-in:${user.username}`, rig);
    await page.click('#setup-totp');
    await waitForStatus(page, 'setup-totp', rig);
  },
  async submitSetup(page) {
    await page.click('#setup-form button[type=submit]');
  },
  async signOut(page, rig) {
    await page.click('#sign-out');
    await waitForStatus(page, 'signed-out', rig);
  },
  async submitCredentials(page, user) {
    await page.type('#username', user.username);
    await page.type('#password', user.password);
    await page.click('#sign-in-form button[type=submit]');
  },
  signInCodeSelector: '#sign-in-code',
  async enterSignInCode(page, code) {
    await page.type('#sign-in-code', code);
    await page.click('#totp-code-form button[type=submit]');
  },
};

const identityJs: ClientPageFlow = {
  name: 'identity-js',
  pool: 'required',
  deviceNameSelector: '#enroll-device',
  setupCodeSelector: '#enroll-digits input',
  secretSelector: '#enroll-key',
  setupDoneStatus: (user) => `signed-in:${user.username}`,
  async goToSetup(page, user, rig) {
    await identityJs.submitCredentials(page, user);
    await waitForStatus(page, 'setup-totp', rig);
  },
  async submitSetup(page) {
    await page.click('#enroll button[type=submit]');
  },
  async signOut(page, rig) {
    await page.click('#home-logout');
    await waitForStatus(page, 'signed-out', rig);
  },
  async submitCredentials(page, user) {
    await page.type('#login-user', user.username);
    await page.type('#login-pass', user.password);
    await page.click('#login button[type=submit]');
  },
  signInCodeSelector: '#challenge-digits input',
  async enterSignInCode(page, code) {
    await typeDigits(page, '#challenge-digits', code);
    await page.click('#challenge button[type=submit]');
  },
};

const hosted: ClientPageFlow = {
  name: 'hosted',
  pool: 'required',
  deviceNameSelector: '#friendlyDeviceName',
  setupCodeSelector: 'form[name=totpSetupForm] #totpCodeInput',
  secretSelector: '#totpSecretCode',
  setupDoneStatus: (user) => `signed-in:${user.username}`,
  async goToSetup(page, user, rig) {
    await hosted.submitCredentials(page, user);
    await waitForStatus(page, 'setup-totp', rig);
  },
  async submitSetup(page) {
    await page.click('input[name=totpSetupSubmitButton]');
  },
  async signOut(page, rig) {
    await page.click('#sign-out');
    await waitForStatus(page, 'signed-out', rig);
  },
  async submitCredentials(page, user) {
    await page.type('#signInFormUsername', user.username);
    await page.type('#signInFormPassword', user.password);
    await page.click('input[name=signInSubmitButton]');
  },
  signInCodeSelector: 'form[name=totpMfaForm] #totpCodeInput',
  async enterSignInCode(page, code) {
    await page.type(hosted.signInCodeSelector, code);
    await page.click('form[name=totpMfaForm] input[name=signInSubmitButton]');
  },
};

/** Every client page's flow, by name. */
export const FLOWS: Record<ClientPageName, ClientPageFlow> = {
  'amplify-ui': amplifyUi,
  'amplify-api': amplifyApi,
  'identity-js': identityJs,
  hosted,
};
