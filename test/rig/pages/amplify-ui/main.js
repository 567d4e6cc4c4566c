/* global document */
// React + @aws-amplify/ui-react <Authenticator>, signing in with USER_PASSWORD_AUTH against the
// rig's Cognito endpoint. With an MFA-required pool the user lands on the Authenticator's own
// "Setup TOTP" screen (QR, secret, confirmation_code), which sends no FriendlyDeviceName.
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Amplify } from 'aws-amplify';
import { signIn, confirmSignIn } from 'aws-amplify/auth';
import { Authenticator, useAuthenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { loadConfig, setStatus, errorName } from '../shared/rig-page.js';

const cfg = await loadConfig();
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: cfg.userPoolId,
      userPoolClientId: cfg.clientId,
      userPoolEndpoint: cfg.endpoint,
      loginWith: { username: true },
    },
  },
});

// The Authenticator keeps its own state; these wrappers only mirror progress and errors into
// the status output tests read.
let report = () => {};
async function tracked(busy, fn) {
  report({ busy });
  try {
    const out = await fn();
    report(null);
    return out;
  } catch (err) {
    report({ error: errorName(err) });
    throw err;
  }
}
const services = {
  handleSignIn: (input) =>
    tracked('signing-in', () =>
      signIn({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } }),
    ),
  handleConfirmSignIn: (input) => tracked('verifying', () => confirmSignIn(input)),
};

const ROUTES = {
  signIn: 'signed-out',
  setupTotp: 'setup-totp',
  confirmSignIn: 'totp-code',
};

function Status() {
  const { route, user } = useAuthenticator((ctx) => [ctx.route, ctx.user]);
  const [phase, setPhase] = useState(null);
  useEffect(() => {
    report = setPhase;
  }, []);
  useEffect(() => setPhase(null), [route]);
  useEffect(() => {
    if (phase?.error) setStatus(`error:${phase.error}`);
    else if (phase?.busy) setStatus(phase.busy);
    else if (route === 'authenticated') setStatus(`signed-in:${user?.username ?? ''}`);
    else setStatus(ROUTES[route] ?? `route:${route}`);
  }, [route, user, phase]);
  return null;
}

function SignedIn({ user, signOut }) {
  return h(
    'main',
    { id: 'signed-in' },
    h('p', null, 'Signed in as ', h('strong', { id: 'username' }, user?.username)),
    h('button', { type: 'button', id: 'sign-out', onClick: signOut }, 'Sign out'),
  );
}

function App() {
  return h(
    Authenticator.Provider,
    null,
    h(Status),
    h(Authenticator, { services, hideSignUp: true }, ({ signOut, user }) =>
      h(SignedIn, { user, signOut }),
    ),
  );
}

createRoot(document.getElementById('root')).render(h(App));
