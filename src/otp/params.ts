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
import { OTP_DEFAULTS } from './limits';
import { normaliseSecret } from './secret';
import { STEAM_PARAMS } from './steam';
import type { OtpParams } from './types';

/**
 * Account fields as a person types them, or as another module holds them. Numbers may be
 * numbers or decimal text; type and algorithm are matched without regard to case. A field
 * present with the value `undefined` counts as absent, so importers can pass what they read.
 */
export interface OtpParamsInput {
  type?: string | undefined;
  secret: string;
  account?: string | undefined;
  issuer?: string | null | undefined;
  algorithm?: string | undefined;
  digits?: number | string | undefined;
  period?: number | string | undefined;
  counter?: number | string | undefined;
}

/**
 * Builds validated, canonical {@link OtpParams} from typed-in fields, with the Key URI
 * format's defaults: TOTP, SHA1, 6 digits, 30 seconds, and counter 0 for a new HOTP token.
 *
 * Canonical means: secret normalised, names trimmed, a blank issuer dropped, a TOTP
 * account has no counter (one given is ignored), and a HOTP account's period is 30 (one
 * given is ignored: counter-based codes have no period). A Steam Guard account always has
 * Steam's SHA1, 5 characters and 30 s: Steam fixes them, so values given are ignored rather
 * than shown as codes Steam would refuse. Throws {@link OtpError}.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export function createOtpParams(input: OtpParamsInput): OtpParams {
  return build(input, true);
}

/**
 * Checks complete {@link OtpParams} (for example, ones read back from the vault) and returns
 * their canonical copy; unlike {@link createOtpParams}, fills in no defaults, so a HOTP
 * account without a counter is refused with `counter-missing`, and a Steam Guard account
 * must already have Steam's algorithm, length and period. Throws {@link OtpError}.
 */
export function validateOtpParams(params: OtpParams): OtpParams {
  return build(params, false);
}

function build(input: OtpParamsInput, withDefaults: boolean): OtpParams {
  if (typeof input !== 'object' || input === null) {
    throw new OtpError('secret-missing', 'The secret is missing.');
  }
  const fill = <T>(value: T | undefined, fallback: T): T | undefined =>
    value === undefined && withDefaults ? fallback : value;

  const type = parseType(fill(input.type, 'totp'), 'type-invalid');
  const secret = normaliseSecret(input.secret);
  const issuer = parseName(input.issuer, 'issuer-invalid');
  const account = requireName(parseName(input.account, 'account-invalid'), issuer);
  if (type === 'steam') {
    if (!withDefaults) checkSteam(input);
    const steam: OtpParams = { type, secret, account, ...STEAM_PARAMS };
    if (issuer !== undefined) steam.issuer = issuer;
    return steam;
  }
  const algorithm = parseAlgorithm(fill(input.algorithm, OTP_DEFAULTS.algorithm));
  const digits = parseDigits(fill(input.digits, OTP_DEFAULTS.digits));
  const params: OtpParams = {
    type,
    secret,
    account,
    algorithm,
    digits,
    period: OTP_DEFAULTS.period,
  };
  if (issuer !== undefined) params.issuer = issuer;
  if (type === 'totp') {
    params.period = parsePeriod(fill(input.period, OTP_DEFAULTS.period));
  } else {
    const counter = fill(input.counter, 0);
    if (counter === undefined) {
      throw new OtpError('counter-missing', 'A counter-based account needs its counter.');
    }
    params.counter = parseCounter(counter);
  }
  return params;
}

/** Stored Steam parameters must be Steam's own; anything else is a damaged record. */
function checkSteam(input: OtpParamsInput): void {
  if (input.algorithm !== STEAM_PARAMS.algorithm) {
    throw new OtpError('algorithm-unsupported', 'Steam Guard accounts use SHA1.');
  }
  if (input.digits !== STEAM_PARAMS.digits) {
    throw new OtpError('digits-invalid', 'Steam Guard codes have 5 characters.');
  }
  if (input.period !== STEAM_PARAMS.period) {
    throw new OtpError('period-invalid', 'Steam Guard codes change every 30 seconds.');
  }
}
