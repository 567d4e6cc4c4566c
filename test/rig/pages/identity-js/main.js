/* global document */
// amazon-cognito-identity-js with USER_PASSWORD_AUTH. An MFA-required pool answers MFA_SETUP:
// mfaSetup -> associateSoftwareToken (Session) -> the page shows the key (text + QR), a
// device-name field in its own words and six one-digit inputs -> verifySoftwareToken(code,
// deviceName) -> RespondToAuthChallenge(MFA_SETUP) -> setUserMfaPreference. Signed-in users
// can also set up from the home screen (access-token flow). Later sign-ins answer totpRequired
// with sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA').
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import QRCode from 'qrcode';
import { loadConfig, setStatus, errorName } from '../shared/rig-page.js';

const cfg = await loadConfig();
const pool = new CognitoUserPool({
  UserPoolId: cfg.userPoolId,
  ClientId: cfg.clientId,
  endpoint: cfg.endpoint,
});

const $ = (id) => document.getElementById(id);
const views = ['login', 'enroll', 'challenge', 'home'];
let user = null;

function show(view, status, notice = '') {
  for (const v of views) $(v).hidden = v !== view;
  $('notice').textContent = notice;
  setStatus(status);
}

function fail(err) {
  $('notice').textContent = err?.message || String(err);
  setStatus(`error:${errorName(err)}`);
}

function makeDigits(containerId) {
  const box = $(containerId);
  box.textContent = '';
  const inputs = [];
  for (let i = 0; i < 6; i++) {
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'numeric';
    input.maxLength = 1;
    input.autocomplete = i === 0 ? 'one-time-code' : 'off';
    input.setAttribute('aria-label', `Digit ${i + 1}`);
    input.addEventListener('input', () => {
      const digits = input.value.replace(/\D/g, '');
      if (digits.length > 1) {
        // pasted or autofilled several digits: spread them
        for (let j = 0; j < digits.length && i + j < 6; j++) inputs[i + j].value = digits[j];
        inputs[Math.min(i + digits.length, 5)].focus();
        return;
      }
      input.value = digits;
      if (digits && i < 5) inputs[i + 1].focus();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Backspace' && !input.value && i > 0) inputs[i - 1].focus();
    });
    inputs.push(input);
    box.appendChild(input);
  }
  return () => inputs.map((x) => x.value).join('');
}

let readEnrollCode = makeDigits('enroll-digits');
let readChallengeCode = makeDigits('challenge-digits');

function signedIn(session, status) {
  const name = user.getUsername();
  $('home-user').textContent = name;
  show('home', status ?? `signed-in:${name}`);
  return session;
}

function enroll() {
  user.associateSoftwareToken({
    associateSecretCode: async (secret) => {
      const label = `${encodeURIComponent(cfg.issuer)}:${encodeURIComponent(user.getUsername())}`;
      const uri = `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(cfg.issuer)}`;
      $('enroll-key').textContent = secret;
      $('enroll-qr').src = await QRCode.toDataURL(uri);
      $('enroll-device').value = '';
      readEnrollCode = makeDigits('enroll-digits');
      show('enroll', 'setup-totp');
    },
    onFailure: fail,
  });
}

const authCallbacks = {
  onSuccess: (session) => signedIn(session),
  onFailure: fail,
  mfaSetup: () => enroll(),
  totpRequired: () => {
    readChallengeCode = makeDigits('challenge-digits');
    show('challenge', 'totp-code');
  },
};

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  setStatus('signing-in');
  const Username = $('login-user').value.trim();
  user = new CognitoUser({ Username, Pool: pool });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  user.authenticateUser(
    new AuthenticationDetails({ Username, Password: $('login-pass').value }),
    authCallbacks,
  );
});

$('enroll').addEventListener('submit', (e) => {
  e.preventDefault();
  setStatus('verifying');
  const wasSignedIn = !!user.getSignInUserSession()?.isValid();
  const deviceName = $('enroll-device').value.trim() || undefined;
  user.verifySoftwareToken(readEnrollCode(), deviceName, {
    onFailure: fail,
    onSuccess: () => {
      user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err) => {
        if (err) return fail(err);
        $('home-mfa').textContent = 'Authenticator app enabled.';
        const name = user.getUsername();
        signedIn(null, wasSignedIn ? `totp-enabled:${name}` : `signed-in:${name}`);
      });
    },
  });
});

$('challenge').addEventListener('submit', (e) => {
  e.preventDefault();
  setStatus('verifying');
  user.sendMFACode(readChallengeCode(), authCallbacks, 'SOFTWARE_TOKEN_MFA');
});

$('home-enroll').addEventListener('click', () => enroll());

$('home-logout').addEventListener('click', () => {
  user?.signOut();
  user = null;
  $('home-mfa').textContent = '';
  show('login', 'signed-out');
});

const current = pool.getCurrentUser();
if (current) {
  current.getSession((err, session) => {
    if (err || !session?.isValid()) return show('login', 'signed-out');
    user = current;
    signedIn(session);
  });
} else {
  show('login', 'signed-out');
}
