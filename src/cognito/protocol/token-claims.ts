import { fromBase64, utf8Decode } from '../../shared';
import { isJsonObject, readOwn } from './field-rules';

/**
 * What a Cognito token says about whose account is being set up: the user's name, a label for
 * the new account (nothing secret). The pool and client ids are not read: nothing uses them.
 */
export interface TokenClaims {
  /** `username` (access token) or `cognito:username` (ID token). */
  username?: string;
}

/** Cognito's own caps, a little loose: longer values are not Cognito's. */
const MAX_TOKEN_CHARS = 16 * 1024;
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

function cleanUsername(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_USERNAME_CHARS) return undefined;
  // A label must not carry control characters into the popup or a log line.
  return value.trim() !== '' && !/\p{Cc}/u.test(value) ? value : undefined;
}

/**
 * Who a Cognito access or ID token names, read from its payload without verifying the
 * signature: only for labelling the new account, never for a security decision. Returns an
 * empty object for anything that is not a readable JWT, and never returns the token or any
 * other claim.
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
  if (username !== undefined) claims.username = username;
  return claims;
}
