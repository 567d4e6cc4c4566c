import type { OtpAlgorithm, OtpType } from './types';

/**
 * Steam Guard's code alphabet: 26 characters, digits and consonants without look-alikes
 * (no 0/O, 1/I, vowels), as Steam's own client, Aegis and andOTP use it.
 */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * What every Steam Guard account computes with: HMAC-SHA1 TOTP, 30 s steps, 5-character
 * codes. Steam fixes these; an import or link that says otherwise is not taken at its word.
 */
export const STEAM_PARAMS = Object.freeze({
  algorithm: 'SHA1' as OtpAlgorithm,
  digits: 5,
  period: 30,
});

/**
 * Renders the 31-bit dynamic-truncation value (RFC 4226 §5.3, before the decimal step) as a
 * Steam Guard code: the value's base-26 digits in the Steam alphabet, least significant first.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 */
export function encodeSteamCode(truncated: number, length: number): string {
  let value = truncated;
  let code = '';
  for (let i = 0; i < length; i += 1) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** True for the types whose code changes with the clock (TOTP and Steam Guard). */
export function isTimeBased(type: OtpType): boolean {
  return type !== 'hotp';
}
