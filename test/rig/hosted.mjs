// A server-rendered stand-in for a Cognito hosted sign-in page (the classic Hosted UI) with its
// TOTP setup step. It runs the flow server-side against the rig's Cognito endpoint:
//   POST /login      InitiateAuth(USER_PASSWORD_AUTH) -> MFA_SETUP -> AssociateSoftwareToken(Session)
//                    -> setup page (QR as a PNG data URL, secret as text, code + device name inputs)
//                    or SOFTWARE_TOKEN_MFA -> code page, or tokens -> /signed-in
//   POST /mfa-setup  VerifySoftwareToken(Session) + RespondToAuthChallenge(MFA_SETUP) -> /signed-in
//   POST /mfa        RespondToAuthChallenge(SOFTWARE_TOKEN_MFA) -> /signed-in
// The markup only loosely follows the hosted UI's style (its exact markup is not published).
/* global URLSearchParams */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cognitoCall } from './cognito.mjs';

const require = createRequire(import.meta.url);
const QRCode = require('qrcode');

const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const STYLE = `
  body { font-family: "Amazon Ember", Helvetica, Arial, sans-serif; background: #fafafa; margin: 0; }
  .modal-dialog { max-width: 380px; margin: 40px auto; }
  .modal-content { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 20px 28px; }
  .banner-customizable { text-align: center; padding: 8px 0 16px; font-weight: bold; font-size: 18px; }
  .form-group { margin: 12px 0; }
  .form-control { width: 100%; box-sizing: border-box; height: 36px; padding: 6px 10px; font-size: 14px;
    border: 1px solid #ccc; border-radius: 4px; }
  .btn-primary { width: 100%; height: 40px; background: #337ab7; color: #fff; border: 0; border-radius: 4px;
    font-size: 14px; cursor: pointer; }
  .errorMessage-customizable { color: #a94442; background: #f2dede; padding: 8px; border-radius: 4px; }
  .secret { font-family: monospace; word-break: break-all; background: #f5f5f5; padding: 4px; }
  .status { font-size: 11px; color: #999; text-align: center; }
`;

function page({ title, status, body, error }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body data-status="${esc(status)}">
<div class="modal-dialog">
<div class="modal-content background-customizable modal-content-mobile">
<div class="banner-customizable">Keyfob Demo</div>
${error ? `<p id="loginErrorMessage" class="errorMessage-customizable" role="alert">${esc(error)}</p>` : ''}
${body}
<p class="status">Status: <output id="status">${esc(status)}</output></p>
</div>
</div>
</body>
</html>`;
}

function loginPage({ clientId, error, status = 'signed-out' }) {
  return page({
    title: 'Signin',
    status,
    error,
    body: `
<span class="textDescription-customizable">Sign in with your username and password</span>
<form name="cognitoSignInForm" method="post" action="/login" class="cognito-asf">
  <input type="hidden" name="client_id" value="${esc(clientId)}">
  <div class="form-group">
    <label for="signInFormUsername" class="label-customizable">Username</label>
    <input id="signInFormUsername" name="username" type="text" class="form-control inputField-customizable"
      placeholder="Username" autocapitalize="none" autocomplete="username" required>
  </div>
  <div class="form-group">
    <label for="signInFormPassword" class="label-customizable">Password</label>
    <input id="signInFormPassword" name="password" type="password" class="form-control inputField-customizable"
      placeholder="Password" autocomplete="current-password" required>
  </div>
  <input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">
</form>`,
  });
}

async function setupPage({ flow, issuer, error, status = 'setup-totp' }) {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(flow.username)}`;
  const uri = `otpauth://totp/${label}?secret=${flow.secret}&issuer=${encodeURIComponent(issuer)}`;
  const qr = await QRCode.toDataURL(uri);
  return page({
    title: 'Set up MFA',
    status,
    error,
    body: `
<h2 class="textDescription-customizable">Set up an authenticator app</h2>
<form name="totpSetupForm" method="post" action="/mfa-setup">
  <p>Scan this QR code with your authenticator app:</p>
  <div style="text-align:center"><img id="totpQrCode" alt="QR code for your authenticator app" width="180" height="180" src="${qr}"></div>
  <p>Or enter this secret key in the app:</p>
  <p><span id="totpSecretCode" class="secret">${esc(flow.secret)}</span></p>
  <div class="form-group">
    <label for="totpCodeInput" class="label-customizable">Enter the 6-digit code from the app</label>
    <input id="totpCodeInput" name="totpCode" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6"
      autocomplete="one-time-code" class="form-control inputField-customizable" required>
  </div>
  <div class="form-group">
    <label for="friendlyDeviceName" class="label-customizable">Friendly device name</label>
    <input id="friendlyDeviceName" name="deviceName" type="text" class="form-control inputField-customizable"
      placeholder="My phone">
  </div>
  <input name="totpSetupSubmitButton" type="submit" value="Verify" class="btn btn-primary submitButton-customizable">
</form>`,
  });
}

function mfaPage({ error, status = 'totp-code' }) {
  return page({
    title: 'MFA',
    status,
    error,
    body: `
<form name="totpMfaForm" method="post" action="/mfa">
  <div class="form-group">
    <label for="totpCodeInput" class="label-customizable">Enter the code from your authenticator app</label>
    <input id="totpCodeInput" name="totpCode" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6"
      autocomplete="one-time-code" class="form-control inputField-customizable" required>
  </div>
  <input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">
</form>`,
  });
}

function signedInPage(username) {
  return page({
    title: 'Signed in',
    status: `signed-in:${username}`,
    body: `
<p>Signed in as <strong id="username">${esc(username)}</strong>.</p>
<p><a id="sign-out" href="/logout">Sign out</a></p>`,
  });
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * @param {{ endpoint: string, pools: Record<string, { userPoolId: string, clientId: string }>,
 *   defaultPool?: string, issuer?: string }} options
 */
export async function startHostedServer({
  endpoint,
  pools,
  defaultPool = 'required',
  issuer = 'KeyfobDemo',
}) {
  const flows = new Map(); // flow id -> { stage, username, clientId, session, secret, tokens }
  let cookieName = 'rig_hosted';
  const call = (op, body) => cognitoCall(endpoint, op, body);

  function getFlow(req) {
    const cookie = req.headers.cookie ?? '';
    const m = cookie.match(new RegExp(`(?:^|;\\s*)${cookieName}=([A-Za-z0-9_-]+)`));
    return m ? (flows.get(m[1]) ?? null) : null;
  }

  function send(res, status, html, headers = {}) {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(html);
  }

  function redirect(res, location, headers = {}) {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
    res.end();
  }

  function startFlow(data) {
    const id = randomBytes(18).toString('base64url');
    flows.set(id, data);
    return { id, cookie: `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax` };
  }

  async function afterAuth(res, result, flow, username, clientId) {
    if (result.AuthenticationResult) {
      const { cookie } = startFlow({
        stage: 'signed-in',
        username,
        clientId,
        tokens: result.AuthenticationResult,
      });
      if (flow) flows.delete(flow);
      redirect(res, '/signed-in', { 'set-cookie': cookie });
      return;
    }
    if (result.ChallengeName === 'MFA_SETUP') {
      const assoc = await call('AssociateSoftwareToken', { Session: result.Session });
      const data = {
        stage: 'mfa-setup',
        username,
        clientId,
        session: assoc.Session,
        secret: assoc.SecretCode,
      };
      const { cookie } = startFlow(data);
      send(res, 200, await setupPage({ flow: data, issuer }), { 'set-cookie': cookie });
      return;
    }
    if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      const { cookie } = startFlow({ stage: 'mfa', username, clientId, session: result.Session });
      send(res, 200, mfaPage({}), { 'set-cookie': cookie });
      return;
    }
    send(
      res,
      200,
      loginPage({
        clientId,
        error: `Unsupported challenge ${result.ChallengeName}`,
        status: `error:UnsupportedChallenge`,
      }),
    );
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const defaultClientId = pools[defaultPool]?.clientId;
    try {
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/login')) {
        const pool = url.searchParams.get('pool');
        const clientId =
          url.searchParams.get('client_id') ??
          (pool ? pools[pool]?.clientId : undefined) ??
          defaultClientId;
        send(res, 200, loginPage({ clientId }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/login') {
        const form = await readForm(req);
        const clientId = form.get('client_id') || defaultClientId;
        const username = form.get('username') ?? '';
        try {
          const result = await call('InitiateAuth', {
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: clientId,
            AuthParameters: { USERNAME: username, PASSWORD: form.get('password') ?? '' },
          });
          await afterAuth(
            res,
            result,
            null,
            result.ChallengeParameters?.USER_ID_FOR_SRP ?? username,
            clientId,
          );
        } catch (err) {
          send(
            res,
            200,
            loginPage({ clientId, error: err.message || err.name, status: `error:${err.name}` }),
          );
        }
        return;
      }
      if (req.method === 'POST' && url.pathname === '/mfa-setup') {
        const form = await readForm(req);
        const flow = getFlow(req);
        if (!flow || flow.stage !== 'mfa-setup') {
          send(
            res,
            200,
            loginPage({
              clientId: defaultClientId,
              error: 'Your session has expired.',
              status: 'error:SessionExpired',
            }),
          );
          return;
        }
        const deviceName = (form.get('deviceName') ?? '').trim();
        try {
          const verify = await call('VerifySoftwareToken', {
            Session: flow.session,
            UserCode: (form.get('totpCode') ?? '').trim(),
            ...(deviceName ? { FriendlyDeviceName: deviceName } : {}),
          });
          flow.session = verify.Session;
          flow.stage = 'mfa-setup-verified';
          const result = await call('RespondToAuthChallenge', {
            ChallengeName: 'MFA_SETUP',
            ClientId: flow.clientId,
            Session: verify.Session,
            ChallengeResponses: { USERNAME: flow.username },
          });
          const id = [...flows].find(([, v]) => v === flow)?.[0];
          await afterAuth(res, result, id, flow.username, flow.clientId);
        } catch (err) {
          send(
            res,
            200,
            await setupPage({
              flow,
              issuer,
              error: err.message || err.name,
              status: `error:${err.name}`,
            }),
          );
        }
        return;
      }
      if (req.method === 'POST' && url.pathname === '/mfa') {
        const form = await readForm(req);
        const flow = getFlow(req);
        if (!flow || flow.stage !== 'mfa') {
          send(
            res,
            200,
            loginPage({
              clientId: defaultClientId,
              error: 'Your session has expired.',
              status: 'error:SessionExpired',
            }),
          );
          return;
        }
        try {
          const result = await call('RespondToAuthChallenge', {
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            ClientId: flow.clientId,
            Session: flow.session,
            ChallengeResponses: {
              USERNAME: flow.username,
              SOFTWARE_TOKEN_MFA_CODE: (form.get('totpCode') ?? '').trim(),
            },
          });
          const id = [...flows].find(([, v]) => v === flow)?.[0];
          await afterAuth(res, result, id, flow.username, flow.clientId);
        } catch (err) {
          send(res, 200, mfaPage({ error: err.message || err.name, status: `error:${err.name}` }));
        }
        return;
      }
      if (req.method === 'GET' && url.pathname === '/signed-in') {
        const flow = getFlow(req);
        if (!flow || flow.stage !== 'signed-in') {
          redirect(res, '/login');
          return;
        }
        send(res, 200, signedInPage(flow.username));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/logout') {
        const cookie = req.headers.cookie ?? '';
        const m = cookie.match(new RegExp(`(?:^|;\\s*)${cookieName}=([A-Za-z0-9_-]+)`));
        if (m) flows.delete(m[1]);
        redirect(res, '/login', { 'set-cookie': `${cookieName}=; Path=/; Max-Age=0` });
        return;
      }
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, { 'content-type': 'text/plain' });
      res.end();
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err?.stack ?? err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  // Cookies are not isolated by port: name it per server so parallel rigs do not collide.
  cookieName = `rig_hosted_${port}`;
  return { server, url: `http://127.0.0.1:${port}/login`, flows };
}
