import { fromBase64, utf8Decode } from '../../shared';
import { isJsonObject, readOwn } from './field-rules';

/** What a Cognito token says about whose account is being set up: labels, nothing secret. */
export interface TokenClaims {
  /** `username` (access token) or `cognito:username` (ID token). */
  username?: string;
  /** The user pool, from the last path segment of `iss`, e.g. `us-east-1_AbC123`. */
  userPoolId?: string;
  /** `client_id` (access token) or a single-valued `aud` (ID token). */
  clientId?: string;
}

/** Cognito's own caps, a little loose: longer values are not Cognito's. */
const MAX_TOKEN_CHARS = 16 * 1024;
// Pool ids are `<region>_<id>` (cognito-local uses `local_<id>`); API pattern [\w-]+_[0-9a-zA-Z]+.
const USER_POOL_ID = /^[\w-]{1,30}_[0-9a-zA-Z]{1,24}$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const MAX_USERNAME_CHARS = 128;

function decodeBase64Url(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return undefined;
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  try {
    return utf8Decode(fromBase64(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
  } catch {
    return undefined;
  }
}

function userPoolIdFromIssuer(iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  let path: string;
  try {
    path = new URL(iss).pathname;
  } catch {
    return undefined;
  }
  const last = path.split('/').filter(Boolean).pop();
  return last !== undefined && USER_POOL_ID.test(last) ? last : undefined;
}

function cleanUsername(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_USERNAME_CHARS) return undefined;
  // A label must not carry control characters into the popup or a log line.
  return value.trim() !== '' && !/\p{Cc}/u.test(value) ? value : undefined;
}

function clientIdFrom(payload: Record<string, unknown>): string | undefined {
  const clientId = readOwn(payload, 'client_id');
  if (typeof clientId === 'string') return CLIENT_ID.test(clientId) ? clientId : undefined;
  const aud = readOwn(payload, 'aud');
  const single = Array.isArray(aud) && aud.length === 1 ? (aud[0] as unknown) : aud;
  return typeof single === 'string' && CLIENT_ID.test(single) ? single : undefined;
}

/**
 * Who a Cognito access or ID token names, read from its payload without verifying the
 * signature: only for labelling the new account, never for a security decision. Returns an
 * empty object for anything that is not a readable JWT, and never returns the token or any
 * claim other than these three.
 */
export function parseTokenClaims(token: unknown): TokenClaims {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return {};
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return {};
  const json = decodeBase64Url(parts[1]);
  if (json === undefined) return {};
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return {};
  }
  if (!isJsonObject(payload)) return {};
  const claims: TokenClaims = {};
  const username =
    cleanUsername(readOwn(payload, 'username')) ??
    cleanUsername(readOwn(payload, 'cognito:username'));
  const userPoolId = userPoolIdFromIssuer(readOwn(payload, 'iss'));
  const clientId = clientIdFrom(payload);
  if (username !== undefined) claims.username = username;
  if (userPoolId !== undefined) claims.userPoolId = userPoolId;
  if (clientId !== undefined) claims.clientId = clientId;
  return claims;
}
