import { utf8Encode } from '../shared';
import { OtpError } from './errors';
import {
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_NAME_BYTES,
  MAX_PERIOD,
  MIN_DIGITS,
  MIN_PERIOD,
} from './limits';
import type { OtpAlgorithm, OtpType } from './types';

// Checks for one field each, shared by the URI parser and by typed-in input, so both
// accept exactly the same values. Numbers may arrive as numbers (forms, stored records) or
// as decimal text (URIs); text must be plain digits, so "6.0", "1e1", "0x1f" and "" are
// refused rather than coerced the way Number() would.

const DECIMAL = /^[0-9]{1,16}$/;

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** `totp`, `hotp` or `steam`, in any case; anything else throws `code`. */
export function parseType(value: unknown, code: 'uri-type' | 'type-invalid'): OtpType {
  const type = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  throw new OtpError(
    code,
    'Keyfob supports time-based (totp), counter-based (hotp) and Steam Guard accounts only.',
  );
}

/**
 * SHA1, SHA256 or SHA512, in any case and with or without a hyphen ("sha-256").
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-1.2
 */
export function parseAlgorithm(value: unknown): OtpAlgorithm {
  const match = typeof value === 'string' ? /^sha-?(1|256|512)$/i.exec(value.trim()) : null;
  if (match) return `SHA${match[1]}` as OtpAlgorithm;
  throw new OtpError(
    'algorithm-unsupported',
    'This account uses a hash algorithm Keyfob does not support (only SHA1, SHA256 and SHA512).',
  );
}

/** 6, 7 or 8. @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3 */
export function parseDigits(value: unknown): number {
  const digits = toInteger(value);
  if (digits !== undefined && digits >= MIN_DIGITS && digits <= MAX_DIGITS) return digits;
  throw new OtpError(
    'digits-invalid',
    `Codes must have between ${MIN_DIGITS} and ${MAX_DIGITS} digits.`,
  );
}

/** Whole seconds from 1 to 300. @see https://www.rfc-editor.org/rfc/rfc6238#section-4.1 */
export function parsePeriod(value: unknown): number {
  const period = toInteger(value);
  if (period !== undefined && period >= MIN_PERIOD && period <= MAX_PERIOD) return period;
  throw new OtpError(
    'period-invalid',
    `The code period must be a whole number of seconds from ${MIN_PERIOD} to ${MAX_PERIOD}.`,
  );
}

/** A whole number from 0 to 2^53 - 1. @see https://www.rfc-editor.org/rfc/rfc4226#section-5.2 */
export function parseCounter(value: unknown): number {
  const counter = toInteger(value);
  if (counter !== undefined && counter >= 0 && counter <= MAX_COUNTER) return counter;
  throw new OtpError('counter-invalid', 'The counter must be a whole number, 0 or more.');
}

/**
 * Characters a name may not hold: control characters and line separators (they break the
 * one-line display), and the bidirectional overrides and isolates that can make a name
 * display as something it is not. Lone surrogates are checked separately.
 */
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type NameCode = 'label-invalid' | 'account-invalid' | 'issuer-invalid';

/**
 * A trimmed, displayable name of at most 256 UTF-8 bytes, or undefined when blank.
 * Colons are allowed: the URI formatter knows how to carry them.
 */
export function parseName(value: unknown, code: NameCode): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw nameError(code);
  const name = value.trim();
  if (name === '') return undefined;
  if (
    FORBIDDEN_IN_NAME.test(name) ||
    LONE_SURROGATE.test(name) ||
    utf8Encode(name).length > MAX_NAME_BYTES
  ) {
    throw nameError(code);
  }
  return name;
}

function nameError(code: NameCode): OtpError {
  const what: Record<NameCode, string> = {
    'label-invalid': "The name in this link's label",
    'account-invalid': 'The account name',
    'issuer-invalid': 'The issuer',
  };
  return new OtpError(
    code,
    `${what[code]} must be plain text of at most ${MAX_NAME_BYTES} bytes, without control characters.`,
  );
}

/** The account name is required unless an issuer already names the entry. */
export function requireName(account: string | undefined, issuer: string | undefined): string {
  if (account === undefined && issuer === undefined) {
    throw new OtpError(
      'account-missing',
      'This account has no name: give it an account name or an issuer.',
    );
  }
  return account ?? '';
}
