// Local Amazon Cognito stand-in for tests: the cognito-local emulator, started in-process on
// 127.0.0.1 with a throw-away data directory, behind a small loopback proxy that adds what the
// emulator lacks (the Session-based MFA_SETUP flow, x-amzn-ErrorType headers, CORS for pages
// on other loopback origins, realistic error names) plus knobs for failure-path tests.
// See test/rig/README.md.
import http from 'node:http';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { totp } from './totp.mjs';

const require = createRequire(import.meta.url);
const cognitoLocalDir = path.dirname(require.resolve('cognito-local/package.json'));
const lib = (p) => require(path.join(cognitoLocalDir, 'lib', p));
const requireFromEmulator = (name) => require(require.resolve(name, { paths: [cognitoLocalDir] }));

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_11 = 'application/x-amz-json-1.1';

/** A Cognito-shaped error: `name` is the __type, `status` the HTTP status. */
export class CognitoError extends Error {
  constructor(name, message, status = 400, headers = {}) {
    super(message);
    this.name = name;
    this.status = status;
    this.headers = headers;
  }
}

// ---------------------------------------------------------------------------------------------
// Emulator

async function startEmulator({ dataDir, debug }) {
  const pino = requireFromEmulator('pino');
  const logger = pino({ level: debug ? 'debug' : 'silent' });
  const { createServer } = lib('server/server');
  const { Router } = lib('server/Router');
  const { DateClock, TriggersService, LambdaService, MessagesService } = lib('services');
  const { CognitoServiceFactoryImpl } = lib('services/cognitoService');
  const { StormDBDataStoreFactory } = lib('services/dataStore/stormDb');
  const { ConsoleMessageSender } = lib('services/messageDelivery/consoleMessageSender');
  const { MessageDeliveryService } = lib('services/messageDelivery/messageDelivery');
  const { otp } = lib('services/otp');
  const { JwtTokenGenerator } = lib('services/tokenGenerator');
  const { UserPoolServiceFactoryImpl } = lib('services/userPoolService');

  // What createDefaultServer() does, minus its fixed ./.cognito directory, its config file and
  // the aws-sdk v2 Lambda/KMS clients (no triggers are configured here).
  const config = {
    TriggerFunctions: {},
    UserPoolDefaults: {},
    TokenConfig: { IssuerDomain: 'http://127.0.0.1' },
    ServerConfig: { port: 0, hostname: '127.0.0.1', development: false, https: false },
  };
  const ctx = { logger };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDir);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    dataDir,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognitoClient = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const noLambda = {
    invoke() {
      throw new Error('the test rig configures no Lambda triggers');
    },
  };
  const noKms = {
    encrypt() {
      throw new Error('the test rig configures no KMS');
    },
  };
  const triggers = new TriggersService(
    clock,
    cognitoClient,
    new LambdaService(config.TriggerFunctions, noLambda),
    noKms,
  );
  const services = {
    clock,
    cognito: cognitoClient,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const server = await createServer(
    Router(services),
    logger,
    config.ServerConfig,
    services,
  ).start();
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  config.TokenConfig.IssuerDomain = url; // read at token generation time
  return { server, url, port };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function httpRequest(url, { method = 'POST', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      readBody(res).then(
        (buf) => resolve({ status: res.statusCode, headers: res.headers, body: buf }),
        reject,
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** One Cognito JSON 1.1 call; resolves with the parsed body, rejects with a CognitoError. */
export async function cognitoCall(endpoint, operation, body = {}, extraHeaders = {}) {
  const res = await httpRequest(endpoint, {
    headers: {
      'content-type': JSON_11,
      'x-amz-target': TARGET_PREFIX + operation,
      ...extraHeaders,
    },
    body: JSON.stringify(body),
  });
  const text = res.body.toString('utf8');
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: text };
  }
  if (res.status >= 400) {
    const type =
      String(res.headers['x-amzn-errortype'] ?? json.__type ?? json.code ?? 'UnknownError')
        .split(':')[0]
        .split('#')
        .pop() || 'UnknownError';
    throw new CognitoError(type, json.message ?? json.Message ?? '', res.status, res.headers);
  }
  return json;
}

function decodeJwtPayload(token) {
  try {
    const part = String(token).split('.')[1];
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function newSessionString() {
  // Real sessions are long opaque strings; the API allows 20..2048 characters.
  return 'rig.' + randomBytes(240).toString('base64url');
}

const SESSION_EXPIRED = () =>
  new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');

// ---------------------------------------------------------------------------------------------
// Rig

/**
 * Starts the emulator and the proxy, and creates the default pools:
 *   required: MfaConfiguration ON  (users without TOTP get MFA_SETUP at sign-in),
 *   optional: MfaConfiguration OPTIONAL (users sign in, then may set up TOTP with an access token),
 *   off:      MfaConfiguration OFF (AssociateSoftwareToken/VerifySoftwareToken answer
 *             SoftwareTokenMFANotFoundException).
 * @param {{ dataDir?: string, realisticErrors?: boolean, sessionTtlMs?: number, debug?: boolean }} [options]
 */
export async function startCognitoRig(options = {}) {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'keyfob-cognito-')));
  // Last resort if the process exits without stop(): remove the temp data directory.
  const removeOnExit = () => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', removeOnExit);
  let emulator;
  try {
    emulator = await startEmulator({ dataDir, debug: !!options.debug });
  } catch (err) {
    process.removeListener('exit', removeOnExit);
    removeOnExit();
    throw err;
  }

  const knobs = {
    /** Map the emulator's error names to the ones the real service sends. */
    realisticErrors: options.realisticErrors ?? false,
    /** Lifetime of proxy sessions (MFA_SETUP challenge sessions). Real Cognito: 3 minutes. */
    sessionTtlMs: options.sessionTtlMs ?? 3 * 60 * 1000,
    /** Extra latency added to every proxied Cognito call, in ms. */
    latencyMs: 0,
    /**
     * How far the rig's clock runs ahead of this machine's, in ms (negative: behind). The rig
     * then behaves as a server with that clock: its Date headers say so, and it accepts a TOTP
     * code only for its own time (one 30-s step either side, as Cognito does).
     */
    clockSkewMs: options.clockSkewMs ?? 0,
  };
  /** poolId -> { key, userPoolId, clientId, mfa: 'ON'|'OPTIONAL'|'OFF', softwareTokenMfa } */
  const pools = new Map();
  const poolByClient = new Map();
  /** 'required' | 'optional' | 'off' | custom key -> pool */
  const poolsByKey = {};
  /** session string -> state */
  const sessions = new Map();
  /** forced failures, consumed in order */
  const forced = [];
  /** every Cognito call through the proxy */
  const log = [];
  let stopped = false;

  const emu = (op, body) => cognitoCall(emulator.url, op, body);

  // ---- clock skew --------------------------------------------------------------------------------

  /** The rig's clock: this machine's plus the skew knob. */
  const rigNow = () => Date.now() + knobs.clockSkewMs;

  /** The codes a server whose clock is `atMs` accepts: one step either side. */
  const codesAt = (secret, atMs) =>
    new Set([-1, 0, 1].map((k) => totp(secret, { time: atMs + k * 30_000 })));

  /**
   * The emulator checks codes against this machine's clock. With a skew, the rig checks them
   * against its own clock instead and hands the emulator a code of the emulator's time when
   * the rig accepts, or one outside its window when the rig refuses, so the emulator's answer
   * is the skewed server's.
   */
  async function codeForEmulator(code, username, pool) {
    if (knobs.clockSkewMs === 0 || typeof code !== 'string' || !username) return code;
    const secret = (await getUser(username, pool))?.softwareTokenMfa.secret;
    if (!secret) return code;
    if (codesAt(secret, rigNow()).has(code)) return totp(secret);
    const emulatorAccepts = codesAt(secret, Date.now());
    let wrong = 0;
    while (emulatorAccepts.has(String(wrong).padStart(6, '0'))) wrong += 1;
    return String(wrong).padStart(6, '0');
  }

  // ---- state files ---------------------------------------------------------------------------

  async function readPoolFile(userPoolId) {
    const text = await readFile(path.join(dataDir, `${userPoolId}.json`), 'utf8');
    return JSON.parse(text);
  }

  function resolvePool(poolOrId) {
    if (!poolOrId) return poolsByKey.required;
    if (typeof poolOrId === 'object') return pools.get(poolOrId.userPoolId) ?? poolOrId;
    return poolsByKey[poolOrId] ?? pools.get(poolOrId) ?? poolByClient.get(poolOrId);
  }

  /**
   * The emulator's stored record of a user, as a summary plus the raw record (null if absent).
   * Reads the emulator's JSON state file for the pool: <dataDir>/<userPoolId>.json, Users.<name>.
   */
  async function getUser(username, pool = 'required') {
    const p = resolvePool(pool);
    if (!p) throw new Error(`unknown pool ${pool}`);
    const db = await readPoolFile(p.userPoolId);
    const users = db.Users ?? {};
    const raw =
      users[username] ??
      Object.values(users).find((u) =>
        (u.Attributes ?? []).some((a) => a.Name === 'sub' && a.Value === username),
      ) ??
      null;
    if (!raw) return null;
    const cfg = raw.SoftwareTokenMfaConfiguration ?? null;
    const list = raw.UserMFASettingList ?? [];
    return {
      username: raw.Username,
      status: raw.UserStatus,
      mfaSettingList: list,
      preferredMfaSetting: raw.PreferredMfaSetting ?? null,
      softwareTokenMfa: {
        associated: !!cfg?.Secret,
        verified: !!cfg?.Verified,
        enabled: !!cfg?.Verified && list.includes('SOFTWARE_TOKEN_MFA'),
        preferred: raw.PreferredMfaSetting === 'SOFTWARE_TOKEN_MFA',
        friendlyDeviceName: cfg?.FriendlyDeviceName ?? null,
        secret: cfg?.Secret ?? null,
      },
      raw,
    };
  }

  // ---- proxy behaviour -------------------------------------------------------------------------

  function poolOfClientId(clientId) {
    return clientId ? (poolByClient.get(clientId) ?? null) : null;
  }

  function poolOfRequest(body) {
    if (body.ClientId) return poolOfClientId(body.ClientId);
    if (body.AccessToken) return poolOfClientId(decodeJwtPayload(body.AccessToken)?.client_id);
    if (body.Session) {
      const s = sessions.get(body.Session);
      return s ? (pools.get(s.userPoolId) ?? null) : null;
    }
    if (body.UserPoolId) return pools.get(body.UserPoolId) ?? null;
    return null;
  }

  function assertTotpAvailable(pool) {
    if (pool && (pool.mfa === 'OFF' || !pool.softwareTokenMfa)) {
      throw new CognitoError(
        'SoftwareTokenMFANotFoundException',
        'Software Token MFA has not been enabled by the userPool.',
      );
    }
  }

  function takeSession(session, clientId) {
    const state = session ? sessions.get(session) : undefined;
    if (!state) throw SESSION_EXPIRED();
    if (Date.now() > state.expiresAt) {
      sessions.delete(session);
      throw SESSION_EXPIRED();
    }
    if (clientId && clientId !== state.clientId) throw SESSION_EXPIRED();
    return state;
  }

  function rotateSession(oldSession, state, patch) {
    sessions.delete(oldSession);
    const next = newSessionString();
    sessions.set(next, { ...state, ...patch, expiresAt: Date.now() + knobs.sessionTtlMs });
    return next;
  }

  /** Turns a token response into an MFA_SETUP challenge when the pool requires MFA. */
  async function maybeRequireMfaSetup(clientId, result) {
    const pool = poolOfClientId(clientId);
    if (!result?.AuthenticationResult || !pool || pool.mfa !== 'ON' || !pool.softwareTokenMfa) {
      return result;
    }
    const claims = decodeJwtPayload(result.AuthenticationResult.AccessToken);
    const username = claims?.username;
    const user = username ? await getUser(username, pool) : null;
    if (!user || user.softwareTokenMfa.enabled) return result;
    const session = newSessionString();
    sessions.set(session, {
      stage: 'challenged',
      username,
      clientId,
      userPoolId: pool.userPoolId,
      tokens: result.AuthenticationResult,
      expiresAt: Date.now() + knobs.sessionTtlMs,
    });
    return {
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: {
        MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]',
        USER_ID_FOR_SRP: username,
      },
      Session: session,
    };
  }

  function realistic(err, op) {
    if (!(err instanceof CognitoError) || !knobs.realisticErrors) return err;
    if (op === 'VerifySoftwareToken' && err.name === 'CodeMismatchException') {
      return new CognitoError(
        'EnableSoftwareTokenMFAException',
        'Code mismatch and fail enable Software Token MFA',
      );
    }
    if (op === 'InitiateAuth' && err.name === 'InvalidPasswordException') {
      return new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
    }
    if (op === 'RespondToAuthChallenge' && err.name === 'CodeMismatchException') {
      return new CognitoError('CodeMismatchException', 'Invalid code received for user');
    }
    return err;
  }

  function validateTokenOrSession(body) {
    if (body.AccessToken && body.Session) {
      throw new CognitoError(
        'InvalidParameterException',
        'Only one of AccessToken or Session may be provided.',
      );
    }
    if (!body.AccessToken && !body.Session) {
      throw new CognitoError(
        'InvalidParameterException',
        'Either AccessToken or Session is required.',
      );
    }
    if (body.Session !== undefined && (body.Session.length < 20 || body.Session.length > 2048)) {
      throw new CognitoError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length between 20 and 2048",
      );
    }
    if (body.AccessToken !== undefined && !/^[A-Za-z0-9\-_=.]+$/.test(body.AccessToken)) {
      throw new CognitoError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
      );
    }
  }

  const handlers = {
    async InitiateAuth(body) {
      const result = await emu('InitiateAuth', body);
      if (body.AuthFlow === 'REFRESH_TOKEN_AUTH' || body.AuthFlow === 'REFRESH_TOKEN')
        return result;
      return maybeRequireMfaSetup(body.ClientId, result);
    },

    async RespondToAuthChallenge(body) {
      if (body.ChallengeName !== 'MFA_SETUP') {
        const responses = body.ChallengeResponses;
        if (body.ChallengeName === 'SOFTWARE_TOKEN_MFA' && responses) {
          const pool = poolOfClientId(body.ClientId);
          const code = responses.SOFTWARE_TOKEN_MFA_CODE;
          const emulatorCode = await codeForEmulator(code, responses.USERNAME, pool);
          if (emulatorCode !== code) {
            body = {
              ...body,
              ChallengeResponses: { ...responses, SOFTWARE_TOKEN_MFA_CODE: emulatorCode },
            };
          }
        }
        const result = await emu('RespondToAuthChallenge', body);
        return maybeRequireMfaSetup(body.ClientId, result);
      }
      const state = takeSession(body.Session, body.ClientId);
      const username = body.ChallengeResponses?.USERNAME;
      if (!username) {
        throw new CognitoError('InvalidParameterException', 'Missing required parameter USERNAME');
      }
      if (username !== state.username) throw SESSION_EXPIRED();
      if (state.stage !== 'verified') {
        throw new CognitoError(
          'InvalidParameterException',
          'Software token MFA has not been verified for this session.',
        );
      }
      sessions.delete(body.Session);
      return { ChallengeParameters: {}, AuthenticationResult: state.tokens };
    },

    async AssociateSoftwareToken(body) {
      validateTokenOrSession(body);
      assertTotpAvailable(poolOfRequest(body));
      if (body.AccessToken) return emu('AssociateSoftwareToken', { AccessToken: body.AccessToken });
      const state = takeSession(body.Session);
      const { SecretCode } = await emu('AssociateSoftwareToken', {
        AccessToken: state.tokens.AccessToken,
      });
      return { SecretCode, Session: rotateSession(body.Session, state, { stage: 'associated' }) };
    },

    async VerifySoftwareToken(body) {
      if (typeof body.UserCode !== 'string' || !/^[0-9]{6}$/.test(body.UserCode)) {
        throw new CognitoError(
          'InvalidParameterException',
          "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+ and have length 6",
        );
      }
      validateTokenOrSession(body);
      assertTotpAvailable(poolOfRequest(body));
      const pool = poolOfRequest(body);
      const forward = { UserCode: body.UserCode };
      if (body.FriendlyDeviceName !== undefined)
        forward.FriendlyDeviceName = body.FriendlyDeviceName;
      if (body.AccessToken) {
        const username = decodeJwtPayload(body.AccessToken)?.username;
        forward.UserCode = await codeForEmulator(body.UserCode, username, pool);
        const out = await emu('VerifySoftwareToken', { ...forward, AccessToken: body.AccessToken });
        return { Status: out.Status ?? 'SUCCESS' };
      }
      const state = takeSession(body.Session);
      forward.UserCode = await codeForEmulator(body.UserCode, state.username, pool);
      await emu('VerifySoftwareToken', { ...forward, AccessToken: state.tokens.AccessToken });
      return {
        Status: 'SUCCESS',
        Session: rotateSession(body.Session, state, { stage: 'verified' }),
      };
    },

    async DescribeUserPool(body) {
      const out = await emu('DescribeUserPool', body);
      const pool = pools.get(body.UserPoolId);
      if (pool && out.UserPool) out.UserPool.MfaConfiguration = pool.mfa;
      return out;
    },

    async GetUserPoolMfaConfig(body) {
      const out = await emu('GetUserPoolMfaConfig', body);
      const pool = pools.get(body.UserPoolId);
      if (pool) {
        out.MfaConfiguration = pool.mfa;
        out.SoftwareTokenMfaConfiguration = {
          Enabled: pool.mfa !== 'OFF' && pool.softwareTokenMfa,
        };
      }
      return out;
    },
  };

  function takeForced(op, body) {
    const i = forced.findIndex((f) => f.operation === op && (!f.when || f.when(body)));
    if (i < 0) return null;
    const f = forced[i];
    f.times -= 1;
    if (f.times <= 0) forced.splice(i, 1);
    return new CognitoError(f.errorType, f.message, f.status);
  }

  function corsHeaders(req) {
    const h = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers':
        'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
    };
    if (req.method === 'OPTIONS') {
      h['access-control-allow-methods'] = 'POST, GET, OPTIONS';
      h['access-control-allow-headers'] =
        req.headers['access-control-request-headers'] ??
        'content-type, x-amz-target, x-amz-user-agent, cache-control';
      h['access-control-max-age'] = '600';
    }
    return h;
  }

  async function onRequest(req, res) {
    const requestId = randomUUID();
    const base = { ...corsHeaders(req), 'x-amzn-requestid': requestId };
    // Every answer tells the rig's time when it is sent, as a server with that clock would.
    const stamped = (headers) => ({ ...headers, date: new Date(rigNow()).toUTCString() });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, stamped(base));
      res.end();
      return;
    }
    const raw = await readBody(req);
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || typeof target !== 'string') {
      // Not a Cognito API call (health, JWKS, OAuth2 routes): pass to the emulator untouched.
      const out = await httpRequest(emulator.url + req.url, {
        method: req.method,
        headers: { ...req.headers, host: `127.0.0.1:${emulator.port}` },
        body: raw.length ? raw : undefined,
      });
      const headers = { ...out.headers, ...base };
      delete headers['transfer-encoding'];
      delete headers['content-length'];
      res.writeHead(out.status, stamped(headers));
      res.end(out.body);
      return;
    }
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const entry = {
      operation: op,
      request: null,
      origin: req.headers.origin ?? null,
      time: Date.now(),
      status: 0,
      response: null,
      errorType: null,
    };
    log.push(entry);
    let status = 200;
    let payload;
    const headers = { ...base, 'content-type': JSON_11 };
    try {
      let body;
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        throw new CognitoError('SerializationException', 'Request body is not valid JSON');
      }
      entry.request = body;
      if (knobs.latencyMs > 0) await new Promise((r) => setTimeout(r, knobs.latencyMs));
      const forcedError = takeForced(op, body);
      if (forcedError) throw forcedError;
      const handler = handlers[op];
      try {
        payload = handler ? await handler(body) : await emu(op, body);
      } catch (err) {
        throw realistic(err, op);
      }
      entry.response = payload;
    } catch (err) {
      const e =
        err instanceof CognitoError
          ? err
          : new CognitoError('InternalErrorException', 'Internal error in the test rig', 500);
      if (!(err instanceof CognitoError) && options.debug) console.error(err);
      status = e.status;
      payload = { __type: e.name, message: e.message };
      headers['x-amzn-errortype'] = `${e.name}:`;
      headers['x-amzn-errormessage'] = e.message;
      entry.errorType = e.name;
      entry.response = payload;
    }
    entry.status = status;
    const text = JSON.stringify(payload);
    headers['content-length'] = Buffer.byteLength(text);
    res.writeHead(status, stamped(headers));
    res.end(text);
  }

  const proxy = http.createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  try {
    await new Promise((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(0, '127.0.0.1', resolve);
    });
  } catch (err) {
    await new Promise((resolve) => emulator.server.close(() => resolve()));
    process.removeListener('exit', removeOnExit);
    removeOnExit();
    throw err;
  }
  const endpoint = `http://127.0.0.1:${proxy.address().port}`;

  // ---- pools and users ------------------------------------------------------------------------

  /**
   * Creates a user pool with an app client (no secret, USER_PASSWORD_AUTH allowed).
   * @param {{ key?: string, name?: string, mfa?: 'ON'|'OPTIONAL'|'OFF', softwareTokenMfa?: boolean }} [o]
   */
  async function createPool({ key, name, mfa = 'ON', softwareTokenMfa = true } = {}) {
    const { UserPool } = await emu('CreateUserPool', {
      PoolName: name ?? `keyfob-${key ?? mfa.toLowerCase()}`,
      // The emulator only knows OFF/OPTIONAL semantics for users without MFA (it refuses their
      // sign-in under ON); the proxy implements ON by answering MFA_SETUP.
      MfaConfiguration: mfa === 'OFF' ? 'OFF' : 'OPTIONAL',
    });
    const { UserPoolClient } = await emu('CreateUserPoolClient', {
      UserPoolId: UserPool.Id,
      ClientName: `keyfob-${key ?? mfa.toLowerCase()}-client`,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const pool = {
      key: key ?? UserPool.Id,
      userPoolId: UserPool.Id,
      clientId: UserPoolClient.ClientId,
      mfa,
      softwareTokenMfa,
    };
    pools.set(pool.userPoolId, pool);
    poolByClient.set(pool.clientId, pool);
    if (key) poolsByKey[key] = pool;
    return pool;
  }

  /** Changes how the proxy treats a pool: MFA mode and whether TOTP is enabled for it. */
  function setPoolMfa(poolRef, { mfa, softwareTokenMfa } = {}) {
    const pool = resolvePool(poolRef);
    if (!pool) throw new Error(`unknown pool ${poolRef}`);
    if (mfa) pool.mfa = mfa;
    if (softwareTokenMfa !== undefined) pool.softwareTokenMfa = softwareTokenMfa;
    return pool;
  }

  let userCounter = 0;
  /**
   * Creates a confirmed user with a permanent password.
   * @returns {Promise<{ username: string, password: string, userPoolId: string, clientId: string, pool: string }>}
   */
  async function createUser({
    username,
    password = 'Passw0rd!keyfob',
    pool = 'required',
    email,
  } = {}) {
    const p = resolvePool(pool);
    if (!p) throw new Error(`unknown pool ${pool}`);
    userCounter += 1;
    const name = username ?? `user${userCounter}-${randomBytes(3).toString('hex')}`;
    await emu('AdminCreateUser', {
      UserPoolId: p.userPoolId,
      Username: name,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
      UserAttributes: [
        { Name: 'email', Value: email ?? `${name}@example.test` },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await emu('AdminSetUserPassword', {
      UserPoolId: p.userPoolId,
      Username: name,
      Password: password,
      Permanent: true,
    });
    return {
      username: name,
      password,
      userPoolId: p.userPoolId,
      clientId: p.clientId,
      pool: p.key,
    };
  }

  try {
    await createPool({ key: 'required', mfa: 'ON' });
    await createPool({ key: 'optional', mfa: 'OPTIONAL' });
    await createPool({ key: 'off', mfa: 'OFF' });
  } catch (err) {
    await stop();
    throw err;
  }

  async function stop() {
    if (stopped) return;
    stopped = true;
    sessions.clear();
    const close = (srv) =>
      new Promise((resolve) => {
        srv.close(() => resolve());
        srv.closeAllConnections?.();
      });
    await Promise.all([close(proxy), close(emulator.server)]);
    process.removeListener('exit', removeOnExit);
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  }

  return {
    /** Proxy URL: what clients use as their Cognito endpoint. */
    endpoint,
    /** The raw emulator, without the proxy's additions. */
    emulatorEndpoint: emulator.url,
    dataDir,
    /** Default pools by key: required (ON), optional (OPTIONAL), off (OFF). */
    pools: poolsByKey,
    knobs,
    /** Every Cognito call through the proxy: { operation, request, origin, status, response, errorType, time }. */
    log,
    clearLog: () => void log.splice(0),
    createPool,
    setPoolMfa,
    createUser,
    getUser,
    /**
     * Makes the next `times` calls of `operation` (optionally only those whose body matches
     * `when`) fail with `errorType` before they reach the emulator.
     */
    failNext(operation, errorType, { message, status = 400, times = 1, when } = {}) {
      forced.push({
        operation,
        errorType,
        message: message ?? `${errorType} (forced by the test rig)`,
        status,
        times,
        when,
      });
    },
    clearFailures: () => void forced.splice(0),
    /** Expires every MFA_SETUP session: the next Session-based call gets NotAuthorizedException. */
    expireSessions() {
      for (const s of sessions.values()) s.expiresAt = 0;
    },
    /** A Cognito call through the proxy (or `{ via: 'emulator' }`). */
    call(operation, body, { via = 'proxy', headers } = {}) {
      return cognitoCall(via === 'emulator' ? emulator.url : endpoint, operation, body, headers);
    },
    totp,
    stop,
  };
}
