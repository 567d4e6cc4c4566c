/* global fetch, document */
// Proves the Cognito test rig without the extension: protocol checks against the proxy in Node,
// then each client page's flow in headless Chromium (sign in, TOTP setup with a code computed
// here from the secret the page shows, emulator state check, sign out, sign in with a code).
// Usage: node test/rig/smoke.mjs [--rebuild] [--only=amplify-ui,identity-js,...] [--debug]
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CognitoError, cognitoCall, startCognitoRig } from './cognito.mjs';
import { startClientPages } from './pages.mjs';
import { msLeftInStep, totp } from './totp.mjs';

const require = createRequire(import.meta.url);
const { PNG } = require(require.resolve('pngjs', { paths: [require.resolve('qrcode')] }));
const jsQR = require('jsqr');

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const rebuild = args.includes('--rebuild');
const debug = args.includes('--debug');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 20_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function expectCognitoError(promise, name) {
  try {
    await promise;
  } catch (err) {
    assert(err instanceof CognitoError, `expected ${name}, got ${err}`);
    assert(err.name === name, `expected ${name}, got ${err.name}: ${err.message}`);
    return err;
  }
  throw new Error(`expected ${name}, but the call succeeded`);
}

/** A code for `secret` that differs from `used` (the next step's code is still accepted). */
function freshCode(secret, used = []) {
  // Avoid the last second of a step so the code is not stale on arrival.
  for (const dt of [0, 30_000]) {
    const c = totp(secret, { time: Date.now() + dt });
    if (!used.includes(c)) return c;
  }
  throw new Error('no fresh code');
}

/** A 6-digit code that none of the accepted windows (-30 s..+30 s) would produce. */
function wrongCode(secret) {
  const accepted = [-30_000, 0, 30_000].map((dt) => totp(secret, { time: Date.now() + dt }));
  let n = Number(accepted[1]);
  let c;
  do {
    n = (n + 111_111) % 1_000_000;
    c = String(n).padStart(6, '0');
  } while (accepted.includes(c));
  return c;
}

async function avoidStepEdge() {
  if (msLeftInStep() < 2500) await sleep(msLeftInStep() + 100);
}

function decodeQrDataUrl(src) {
  assert(
    src?.startsWith('data:image/png;base64,'),
    `QR is not a PNG data URL: ${String(src).slice(0, 40)}`,
  );
  const png = PNG.sync.read(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert(qr, 'QR image did not decode');
  return qr.data;
}

function checkOtpauth(uri, secret, username) {
  const u = new URL(uri);
  assert(u.protocol === 'otpauth:' && u.host === 'totp', `not an otpauth totp URI: ${uri}`);
  assert(
    u.searchParams.get('secret') === secret,
    'QR secret differs from the secret shown as text',
  );
  assert(decodeURIComponent(u.pathname).includes(username), 'QR label lacks the username');
}

// ---------------------------------------------------------------------------------------------

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    const ms = Date.now() - t0;
    results.push({ name, ok: true });
    console.log(`PASS  ${name}${detail ? ` — ${detail}` : ''} (${(ms / 1000).toFixed(1)} s)`);
  } catch (err) {
    results.push({ name, ok: false });
    const message = String(err?.message ?? err);
    const short = debug ? message : message.split('\n').slice(0, 3).join('\n      ');
    console.log(`FAIL  ${name} — ${short}`);
    if (debug) console.log(err?.stack);
  }
}

let rig;
let pages;
let browser;
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await pages?.stop().catch(() => {});
    await rig?.stop().catch(() => {});
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    console.log(`\n${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---- protocol checks (Node, no browser) -----------------------------------------------------

async function protocolChecks() {
  await check('proxy: CORS preflight for X-Amz-Target / X-Amz-User-Agent', async () => {
    const res = await fetch(rig.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:9',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'content-type,x-amz-target,x-amz-user-agent,cache-control',
      },
    });
    const allowHeaders = res.headers.get('access-control-allow-headers') ?? '';
    assert(res.status === 204, `status ${res.status}`);
    assert(res.headers.get('access-control-allow-origin'), 'no allow-origin');
    assert(
      /x-amz-target/i.test(allowHeaders) && /x-amz-user-agent/i.test(allowHeaders),
      allowHeaders,
    );
    const emu = await fetch(rig.emulatorEndpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:9',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    return `emulator alone: ${emu.status}, allow-headers "${emu.headers.get('access-control-allow-headers')}"`;
  });

  await check('proxy: errors carry x-amzn-ErrorType', async () => {
    const u = await rig.createUser({ pool: 'optional' });
    const err = await expectCognitoError(
      rig.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: u.clientId,
        AuthParameters: { USERNAME: u.username, PASSWORD: 'wrong-password' },
      }),
      'InvalidPasswordException',
    );
    assert(err.headers['x-amzn-errortype'] === 'InvalidPasswordException:', 'header missing');
    rig.knobs.realisticErrors = true;
    await expectCognitoError(
      rig.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: u.clientId,
        AuthParameters: { USERNAME: u.username, PASSWORD: 'wrong-password' },
      }),
      'NotAuthorizedException',
    );
    rig.knobs.realisticErrors = false;
    const raw = await expectCognitoError(
      cognitoCall(rig.emulatorEndpoint, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: u.clientId,
        AuthParameters: { USERNAME: u.username, PASSWORD: 'wrong-password' },
      }),
      'InvalidPasswordException',
    );
    return `emulator alone sends x-amzn-errortype: ${raw.headers['x-amzn-errortype'] ?? 'no'}`;
  });

  await check('proxy: Session-based MFA_SETUP flow, code checks, knobs', async () => {
    const u = await rig.createUser({ pool: 'required' });
    const signIn = () =>
      rig.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: u.clientId,
        AuthParameters: { USERNAME: u.username, PASSWORD: u.password },
      });
    let r = await signIn();
    assert(r.ChallengeName === 'MFA_SETUP', `challenge ${r.ChallengeName}`);
    assert(r.ChallengeParameters.MFAS_CAN_SETUP.includes('SOFTWARE_TOKEN_MFA'), 'MFAS_CAN_SETUP');
    const a = await rig.call('AssociateSoftwareToken', { Session: r.Session });
    assert(/^[A-Z2-7]{16,}$/.test(a.SecretCode), `secret ${a.SecretCode}`);
    assert(a.Session && a.Session !== r.Session, 'Associate must return a new Session');
    await expectCognitoError(
      rig.call('AssociateSoftwareToken', { Session: r.Session }),
      'NotAuthorizedException',
    );
    // the emulator really checks codes: wrong, stale (90 s old) and malformed codes fail
    await expectCognitoError(
      rig.call('VerifySoftwareToken', { Session: a.Session, UserCode: wrongCode(a.SecretCode) }),
      'CodeMismatchException',
    );
    await expectCognitoError(
      rig.call('VerifySoftwareToken', {
        Session: a.Session,
        UserCode: totp(a.SecretCode, { time: Date.now() - 90_000 }),
      }),
      'CodeMismatchException',
    );
    await expectCognitoError(
      rig.call('VerifySoftwareToken', { Session: a.Session, UserCode: '12345' }),
      'InvalidParameterException',
    );
    rig.knobs.realisticErrors = true;
    await expectCognitoError(
      rig.call('VerifySoftwareToken', { Session: a.Session, UserCode: wrongCode(a.SecretCode) }),
      'EnableSoftwareTokenMFAException',
    );
    rig.knobs.realisticErrors = false;
    rig.failNext('VerifySoftwareToken', 'SoftwareTokenMFANotFoundException');
    await expectCognitoError(
      rig.call('VerifySoftwareToken', { Session: a.Session, UserCode: totp(a.SecretCode) }),
      'SoftwareTokenMFANotFoundException',
    );
    rig.expireSessions();
    await expectCognitoError(
      rig.call('VerifySoftwareToken', { Session: a.Session, UserCode: totp(a.SecretCode) }),
      'NotAuthorizedException',
    );
    // again, to the end
    r = await signIn();
    const a2 = await rig.call('AssociateSoftwareToken', { Session: r.Session });
    await avoidStepEdge();
    const setupCode = totp(a2.SecretCode);
    const v = await rig.call('VerifySoftwareToken', {
      Session: a2.Session,
      UserCode: setupCode,
      FriendlyDeviceName: 'rig-node',
    });
    assert(v.Status === 'SUCCESS' && v.Session, 'verify status/session');
    const t = await rig.call('RespondToAuthChallenge', {
      ChallengeName: 'MFA_SETUP',
      ClientId: u.clientId,
      Session: v.Session,
      ChallengeResponses: { USERNAME: u.username },
    });
    assert(t.AuthenticationResult?.AccessToken, 'no tokens after MFA_SETUP');
    const state = await rig.getUser(u.username, 'required');
    assert(state.softwareTokenMfa.enabled, 'TOTP not enabled in emulator state');
    assert(state.softwareTokenMfa.friendlyDeviceName === 'rig-node', 'device name not recorded');
    r = await signIn();
    assert(r.ChallengeName === 'SOFTWARE_TOKEN_MFA', `second sign-in: ${r.ChallengeName}`);
    await expectCognitoError(
      rig.call('RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: u.clientId,
        Session: r.Session,
        ChallengeResponses: {
          USERNAME: u.username,
          SOFTWARE_TOKEN_MFA_CODE: wrongCode(a2.SecretCode),
        },
      }),
      'CodeMismatchException',
    );
    const t2 = await rig.call('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: u.clientId,
      Session: r.Session,
      ChallengeResponses: {
        USERNAME: u.username,
        SOFTWARE_TOKEN_MFA_CODE: freshCode(a2.SecretCode, [setupCode]),
      },
    });
    assert(t2.AuthenticationResult?.AccessToken, 'no tokens after SOFTWARE_TOKEN_MFA');
    // MFA-off pool
    const off = await rig.createUser({ pool: 'off' });
    const offTokens = await rig.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: off.clientId,
      AuthParameters: { USERNAME: off.username, PASSWORD: off.password },
    });
    await expectCognitoError(
      rig.call('AssociateSoftwareToken', {
        AccessToken: offTokens.AuthenticationResult.AccessToken,
      }),
      'SoftwareTokenMFANotFoundException',
    );
    return 'wrong/stale/malformed codes rejected; SHA-1, 6 digits, 30 s';
  });
}

// ---- browser flows --------------------------------------------------------------------------

async function status(page) {
  try {
    return await page.evaluate(() => document.body?.dataset.status ?? null);
  } catch {
    return null; // navigating
  }
}

async function waitStatus(page, expected, timeout = WAIT_MS) {
  const match = (s) => (expected instanceof RegExp ? expected.test(s ?? '') : s === expected);
  const deadline = Date.now() + timeout;
  let s;
  while (Date.now() < deadline) {
    s = await status(page);
    if (match(s)) return s;
    if (s?.startsWith('error:') && !(expected instanceof RegExp && expected.test(s))) break;
    await sleep(100);
  }
  const tail = rig.log
    .slice(-4)
    .map((e) => `${e.operation}→${e.errorType ?? e.status}`)
    .join(', ');
  throw new Error(`expected status ${expected}, got ${s} (last calls: ${tail})`);
}

async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  if (debug) page.on('console', (m) => console.log(`  [console.${m.type()}] ${m.text()}`));
  return { context, page };
}

async function assertTotpState(username, pool, { deviceName }) {
  const state = await rig.getUser(username, pool);
  assert(state, `user ${username} not in emulator state`);
  assert(state.softwareTokenMfa.verified, 'software token not verified in emulator state');
  assert(state.softwareTokenMfa.enabled, 'SOFTWARE_TOKEN_MFA not in UserMFASettingList');
  assert(
    state.softwareTokenMfa.friendlyDeviceName === deviceName,
    `FriendlyDeviceName ${JSON.stringify(state.softwareTokenMfa.friendlyDeviceName)}, expected ${JSON.stringify(deviceName)}`,
  );
  return state;
}

async function flowAmplifyUi() {
  const u = await rig.createUser({ pool: 'required' });
  const { context, page } = await newPage();
  try {
    await page.goto(pages.amplifyUi);
    await waitStatus(page, 'signed-out');
    await page.fill('input[name=username]', u.username);
    await page.fill('input[name=password]', u.password);
    await page.click('button[type=submit]');
    await waitStatus(page, 'setup-totp');
    const form = page.locator('form[data-amplify-authenticator-setup-totp]');
    const secret = (await form.locator('[data-amplify-copy]').innerText()).trim();
    checkOtpauth(
      decodeQrDataUrl(await form.locator('img[data-amplify-qrcode]').getAttribute('src')),
      secret,
      u.username,
    );
    const codeInput = form.locator('input[name=confirmation_code]');
    assert((await codeInput.getAttribute('autocomplete')) === 'one-time-code', 'autocomplete');
    await codeInput.fill(wrongCode(secret));
    await form.locator('button[type=submit]').click();
    await waitStatus(page, 'error:CodeMismatchException');
    await avoidStepEdge();
    const setupCode = totp(secret);
    await codeInput.fill(setupCode);
    await form.locator('button[type=submit]').click();
    await waitStatus(page, `signed-in:${u.username}`);
    const verify = rig.log.filter((e) => e.operation === 'VerifySoftwareToken').at(-1);
    assert(
      verify.request.Session && !('FriendlyDeviceName' in verify.request),
      'unexpected request shape',
    );
    await assertTotpState(u.username, 'required', { deviceName: null });
    await page.click('#sign-out');
    await waitStatus(page, 'signed-out');
    await page.fill('input[name=username]', u.username);
    await page.fill('input[name=password]', u.password);
    await page.click('button[type=submit]');
    await waitStatus(page, 'totp-code');
    await page.fill('input[name=confirmation_code]', freshCode(secret, [setupCode]));
    await page.click('button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    return 'Authenticator: MFA_SETUP → Setup TOTP (QR ok) → wrong code shown → TOTP on, no device name → sign-in with TOTP';
  } finally {
    await context.close();
  }
}

async function flowAmplifyApi() {
  const u = await rig.createUser({ pool: 'optional' });
  const { context, page } = await newPage();
  try {
    await page.goto(pages.amplifyApi);
    await waitStatus(page, 'signed-out');
    await page.fill('#username', u.username);
    await page.fill('#password', u.password);
    await page.click('#sign-in-form button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    await page.click('#setup-totp');
    await waitStatus(page, 'setup-totp');
    const secret = (await page.innerText('#secret')).trim();
    checkOtpauth(decodeQrDataUrl(await page.getAttribute('#qr', 'src')), secret, u.username);
    assert((await page.locator('#setup-form input').count()) === 1, 'setup form has extra fields');
    await avoidStepEdge();
    const setupCode = totp(secret);
    await page.fill('#setup-code', setupCode);
    await page.click('#setup-form button[type=submit]');
    await waitStatus(page, `totp-enabled:${u.username}`);
    const verify = rig.log.filter((e) => e.operation === 'VerifySoftwareToken').at(-1);
    assert(
      verify.request.AccessToken && !('FriendlyDeviceName' in verify.request),
      'request shape',
    );
    const state = await assertTotpState(u.username, 'optional', { deviceName: null });
    assert(state.softwareTokenMfa.preferred, 'TOTP not preferred after updateMFAPreference');
    await page.click('#sign-out');
    await waitStatus(page, 'signed-out');
    await page.fill('#username', u.username);
    await page.fill('#password', u.password);
    await page.click('#sign-in-form button[type=submit]');
    await waitStatus(page, 'totp-code');
    await page.fill('#sign-in-code', freshCode(secret, [setupCode]));
    await page.click('#totp-code-form button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    return 'signIn → setUpTOTP → verifyTOTPSetup (no device name) → updateMFAPreference → confirmSignIn(TOTP)';
  } finally {
    await context.close();
  }
}

async function flowAmplifyApiSignInSetup() {
  const u = await rig.createUser({ pool: 'required' });
  const { context, page } = await newPage();
  try {
    await page.goto(`${pages.amplifyApi}?pool=required`);
    await waitStatus(page, 'signed-out');
    await page.fill('#username', u.username);
    await page.fill('#password', u.password);
    await page.click('#sign-in-form button[type=submit]');
    await waitStatus(page, 'setup-totp');
    const secret = (await page.innerText('#secret')).trim();
    await avoidStepEdge();
    await page.fill('#setup-code', totp(secret));
    await page.click('#setup-form button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    await assertTotpState(u.username, 'required', { deviceName: null });
    return 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP → confirmSignIn(code)';
  } finally {
    await context.close();
  }
}

async function fillDigits(page, containerSelector, code) {
  const inputs = page.locator(`${containerSelector} input`);
  assert((await inputs.count()) === 6, 'expected six digit inputs');
  for (let i = 0; i < 6; i++) await inputs.nth(i).fill(code[i]);
}

async function flowIdentityJs() {
  const u = await rig.createUser({ pool: 'required' });
  const { context, page } = await newPage();
  try {
    await page.goto(pages.identityJs);
    await waitStatus(page, 'signed-out');
    await page.fill('#login-user', u.username);
    await page.fill('#login-pass', u.password);
    await page.click('#login button[type=submit]');
    await waitStatus(page, 'setup-totp');
    const secret = (await page.innerText('#enroll-key')).trim();
    checkOtpauth(decodeQrDataUrl(await page.getAttribute('#enroll-qr', 'src')), secret, u.username);
    await page.getByLabel('Name this device').fill('Smoke laptop');
    await fillDigits(page, '#enroll-digits', wrongCode(secret));
    await page.click('#enroll button[type=submit]');
    await waitStatus(page, 'error:CodeMismatchException');
    await avoidStepEdge();
    const setupCode = totp(secret);
    await fillDigits(page, '#enroll-digits', setupCode);
    await page.click('#enroll button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    const state = await assertTotpState(u.username, 'required', { deviceName: 'Smoke laptop' });
    assert(state.softwareTokenMfa.preferred, 'TOTP not preferred after setUserMfaPreference');
    await page.click('#home-logout');
    await waitStatus(page, 'signed-out');
    await page.fill('#login-user', u.username);
    await page.fill('#login-pass', u.password);
    await page.click('#login button[type=submit]');
    await waitStatus(page, 'totp-code');
    await fillDigits(page, '#challenge-digits', freshCode(secret, [setupCode]));
    await page.click('#challenge button[type=submit]');
    await waitStatus(page, `signed-in:${u.username}`);
    return 'mfaSetup → associateSoftwareToken(Session) → six digits + "Name this device" → verifySoftwareToken → sendMFACode';
  } finally {
    await context.close();
  }
}

async function flowHosted() {
  const u = await rig.createUser({ pool: 'required' });
  const { context, page } = await newPage();
  try {
    await page.goto(pages.hosted);
    await waitStatus(page, 'signed-out');
    await page.fill('#signInFormUsername', u.username);
    await page.fill('#signInFormPassword', u.password);
    await page.click('input[name=signInSubmitButton]');
    await waitStatus(page, 'setup-totp');
    const secret = (await page.innerText('#totpSecretCode')).trim();
    checkOtpauth(
      decodeQrDataUrl(await page.getAttribute('#totpQrCode', 'src')),
      secret,
      u.username,
    );
    await page.fill('#totpCodeInput', wrongCode(secret));
    await page.click('input[name=totpSetupSubmitButton]');
    await waitStatus(page, 'error:CodeMismatchException');
    await avoidStepEdge();
    const setupCode = totp(secret);
    await page.fill('#totpCodeInput', setupCode);
    await page.fill('#friendlyDeviceName', 'Hosted phone');
    await page.click('input[name=totpSetupSubmitButton]');
    await waitStatus(page, `signed-in:${u.username}`);
    await assertTotpState(u.username, 'required', { deviceName: 'Hosted phone' });
    await page.click('#sign-out');
    await waitStatus(page, 'signed-out');
    await page.fill('#signInFormUsername', u.username);
    await page.fill('#signInFormPassword', u.password);
    await page.click('input[name=signInSubmitButton]');
    await waitStatus(page, 'totp-code');
    await page.fill('#totpCodeInput', freshCode(secret, [setupCode]));
    await page.click('input[name=signInSubmitButton]');
    await waitStatus(page, `signed-in:${u.username}`);
    return 'server-side MFA_SETUP → QR + secret + code + "Friendly device name" → SOFTWARE_TOKEN_MFA';
  } finally {
    await context.close();
  }
}

const FLOWS = {
  'amplify-ui': flowAmplifyUi,
  'amplify-api': flowAmplifyApi,
  'amplify-api-signin-setup': flowAmplifyApiSignInSetup,
  'identity-js': flowIdentityJs,
  hosted: flowHosted,
};

// ---------------------------------------------------------------------------------------------

let exitCode = 1;
try {
  const t0 = Date.now();
  rig = await startCognitoRig({ debug });
  console.log(`rig: proxy ${rig.endpoint}, emulator ${rig.emulatorEndpoint}, data ${rig.dataDir}`);
  if (!only || only.includes('protocol')) await protocolChecks();
  const flows = Object.entries(FLOWS).filter(([name]) => !only || only.includes(name));
  if (flows.length) {
    pages = await startClientPages({ cognitoEndpoint: rig.endpoint, pools: rig.pools, rebuild });
    console.log(
      `pages: ${Object.entries(pages.urls)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      // this script handles the signals itself and closes everything in order
      handleSIGINT: false,
      handleSIGTERM: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    for (const [name, fn] of flows) await check(`page ${name}`, fn);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length}/${results.length} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  exitCode = failed.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL  rig setup — ${err?.stack ?? err}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
