/* global document */
// A plain page on the aws-amplify v6 functions: signIn (USER_PASSWORD_AUTH), then either
//  - signed in (MFA-optional pool): "Set up authenticator" -> setUpTOTP() -> QR + secret + code
//    -> verifyTOTPSetup({ code }) (no device-name field: no FriendlyDeviceName is sent)
//    -> updateMFAPreference({ totp: 'PREFERRED' }), or
//  - CONTINUE_SIGN_IN_WITH_TOTP_SETUP (MFA-required pool) -> the same screen -> confirmSignIn.
// Later sign-ins answer CONFIRM_SIGN_IN_WITH_TOTP_CODE with confirmSignIn.
import { Amplify } from 'aws-amplify';
import {
  signIn,
  confirmSignIn,
  signOut,
  getCurrentUser,
  setUpTOTP,
  verifyTOTPSetup,
  updateMFAPreference,
} from 'aws-amplify/auth';
import QRCode from 'qrcode';
import { loadConfig, setStatus, errorName } from '../shared/rig-page.js';

const cfg = await loadConfig();
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: cfg.userPoolId,
      userPoolClientId: cfg.clientId,
      userPoolEndpoint: cfg.endpoint,
    },
  },
});

const $ = (id) => document.getElementById(id);
const views = ['sign-in-form', 'totp-code-form', 'signed-in', 'setup-form'];
let setupMode = null; // 'signed-in' (verifyTOTPSetup) | 'sign-in' (confirmSignIn)
let username = '';

function show(view, status, message = '') {
  for (const v of views) $(v).hidden = v !== view;
  $('message').textContent = message;
  setStatus(status);
}

function fail(err) {
  $('message').textContent = err?.message || String(err);
  setStatus(`error:${errorName(err)}`);
}

async function showSetup(details, mode) {
  setupMode = mode;
  const uri = details.getSetupUri(cfg.issuer, username);
  $('secret').textContent = details.sharedSecret;
  $('qr').src = await QRCode.toDataURL(uri.href);
  $('setup-code').value = '';
  show('setup-form', 'setup-totp');
}

async function showSignedIn(status) {
  const user = await getCurrentUser();
  username = user.username;
  $('current-user').textContent = user.username;
  show('signed-in', status ?? `signed-in:${user.username}`);
}

async function handleStep(result) {
  const step = result.nextStep?.signInStep;
  if (result.isSignedIn || step === 'DONE') return showSignedIn();
  if (step === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') {
    $('sign-in-code').value = '';
    return show('totp-code-form', 'totp-code');
  }
  if (step === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') {
    return showSetup(result.nextStep.totpSetupDetails, 'sign-in');
  }
  show('sign-in-form', `error:UnsupportedStep:${step}`, `Unsupported sign-in step ${step}`);
}

$('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  setStatus('signing-in');
  username = $('username').value.trim();
  try {
    await handleStep(
      await signIn({
        username,
        password: $('password').value,
        options: { authFlowType: 'USER_PASSWORD_AUTH' },
      }),
    );
  } catch (err) {
    fail(err);
  }
});

$('totp-code-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  setStatus('verifying');
  try {
    await handleStep(await confirmSignIn({ challengeResponse: $('sign-in-code').value.trim() }));
  } catch (err) {
    fail(err);
  }
});

$('setup-totp').addEventListener('click', async () => {
  try {
    await showSetup(await setUpTOTP(), 'signed-in');
  } catch (err) {
    fail(err);
  }
});

$('setup-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  setStatus('verifying');
  const code = $('setup-code').value.trim();
  try {
    if (setupMode === 'sign-in') {
      await handleStep(await confirmSignIn({ challengeResponse: code }));
    } else {
      await verifyTOTPSetup({ code });
      await updateMFAPreference({ totp: 'PREFERRED' });
      $('mfa-state').textContent = 'Authenticator app enabled.';
      await showSignedIn(`totp-enabled:${username}`);
    }
  } catch (err) {
    fail(err);
  }
});

$('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
    $('mfa-state').textContent = '';
    show('sign-in-form', 'signed-out');
  } catch (err) {
    fail(err);
  }
});

try {
  await showSignedIn();
} catch {
  show('sign-in-form', 'signed-out');
}
