import { OtpError } from './errors';
import {
  parseAlgorithm,
  parseCounter,
  parseDigits,
  parseName,
  parsePeriod,
  parseType,
  requireName,
} from './fields';
import { MAX_URI_LENGTH, OTP_DEFAULTS } from './limits';
import { normaliseSecret } from './secret';
import { STEAM_PARAMS } from './steam';
import type { OtpParams, OtpType } from './types';

/** The parameters Keyfob reads; any other (image, color, icon…) is ignored. */
const KNOWN_PARAMS = new Set([
  'secret',
  'issuer',
  'algorithm',
  'digits',
  'period',
  'counter',
  'encoder',
]);

// A raw control character never belongs in a URI; a fragment has no meaning in the Key URI
// format, and no generator emits one.
const FORBIDDEN_RAW = /[\p{Cc}#]/u;

/**
 * Reads an `otpauth://` URI (Key URI format) into validated, canonical {@link OtpParams}.
 *
 * Written by hand rather than on `URL` or @otplib/uri: the format has its own rules for the
 * label, and @otplib/uri's errors quote the whole URI, secret included. Decisions:
 * - Scheme and type are matched without regard to case (RFC 3986 §3.1).
 * - Label: `issuer:account` split at the first colon, literal or `%3A`; spaces after it are
 *   dropped. Later colons belong to the account. A label without a colon is the account.
 * - The `issuer` parameter wins over the label's prefix when both are present and differ,
 *   as Google Authenticator does; the prefix is a fallback for older generators.
 * - The account may be empty only if an issuer names the entry (`account-missing`).
 * - In parameter values `+` means a space (form encoding, which many generators use);
 *   in the label it is a literal `+`.
 * - Unknown parameters are ignored, unread. A known parameter given twice is refused: apps
 *   that take the first and apps that take the last would show different codes.
 * - `counter` is required for hotp and ignored for totp; `period` is ignored for hotp.
 * - Steam Guard: `otpauth://steam/…` (Aegis) or `otpauth://totp/…?encoder=steam` (KeePassXC
 *   and others). Steam fixes SHA1, 5 characters and 30 s, so `algorithm`, `digits` and
 *   `period` are ignored there, as Aegis does; reading them would only give wrong codes.
 *
 * Throws {@link OtpError}; its message never quotes the URI or the secret.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export function parseOtpauthUri(uri: string): OtpParams {
  if (typeof uri !== 'string') throw malformed();
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError(
      'uri-too-long',
      `This link is too long to be an authenticator link (over ${MAX_URI_LENGTH} characters).`,
    );
  }
  const text = uri.trim();
  if (!/^otpauth:/i.test(text)) {
    throw new OtpError('uri-scheme', 'This is not an authenticator link (otpauth://).');
  }
  if (!text.slice('otpauth:'.length).startsWith('//') || FORBIDDEN_RAW.test(text)) {
    throw malformed();
  }
  const rest = text.slice('otpauth://'.length);
  const queryStart = rest.indexOf('?');
  const path = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const query = queryStart < 0 ? '' : rest.slice(queryStart + 1);
  const slash = path.indexOf('/');

  const values = readQuery(query);
  const type = steamEncoded(parseType(slash < 0 ? path : path.slice(0, slash), 'uri-type'), values);
  const label = slash < 0 ? '' : decode(path.slice(slash + 1), false);

  const secret = normaliseSecret(values.get('secret') ?? '');
  const colon = label.indexOf(':');
  const issuer =
    parseName(values.get('issuer'), 'issuer-invalid') ??
    (colon < 0 ? undefined : parseName(label.slice(0, colon), 'label-invalid'));
  const account = requireName(parseName(label.slice(colon + 1), 'label-invalid'), issuer);

  if (type === 'steam') {
    const steam: OtpParams = { type, secret, account, ...STEAM_PARAMS };
    if (issuer !== undefined) steam.issuer = issuer;
    return steam;
  }
  const params: OtpParams = {
    type,
    secret,
    account,
    algorithm: parseAlgorithm(values.get('algorithm') ?? OTP_DEFAULTS.algorithm),
    digits: parseDigits(values.get('digits') ?? OTP_DEFAULTS.digits),
    period: OTP_DEFAULTS.period,
  };
  if (issuer !== undefined) params.issuer = issuer;
  if (type === 'totp') {
    params.period = parsePeriod(values.get('period') ?? OTP_DEFAULTS.period);
  } else {
    const counter = values.get('counter');
    if (counter === undefined) {
      throw new OtpError('counter-missing', 'This counter-based (hotp) link has no counter.');
    }
    params.counter = parseCounter(counter);
  }
  return params;
}

/** `encoder=steam` turns a totp link into a Steam Guard one; other encoders mean nothing to us. */
function steamEncoded(type: OtpType, values: Map<string, string>): OtpType {
  return type === 'totp' && values.get('encoder')?.trim().toLowerCase() === 'steam'
    ? 'steam'
    : type;
}

/** The known parameters of a query, decoded, each at most once. */
function readQuery(query: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), true).toLowerCase();
    if (!KNOWN_PARAMS.has(key)) continue;
    if (values.has(key)) {
      throw new OtpError('param-duplicated', `This link sets “${key}” more than once.`);
    }
    values.set(key, eq < 0 ? '' : decode(pair.slice(eq + 1), true));
  }
  return values;
}

/** Percent-decoding that reports bad escapes or bad UTF-8 without quoting them. */
function decode(component: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? component.replaceAll('+', ' ') : component);
  } catch {
    throw malformed();
  }
}

function malformed(): OtpError {
  return new OtpError('uri-malformed', 'This authenticator link is damaged or incomplete.');
}
