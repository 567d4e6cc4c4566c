import { base32ByteLength, base32Decode, base32Encode, wipe } from '../shared';
import { OtpError } from './errors';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, STRONG_SECRET_BYTES } from './limits';

/**
 * Raw input longer than this is refused before any scanning. Generous (spaces and hyphens
 * may double a pasted secret) but far below anything that could cost real work.
 */
const MAX_SECRET_INPUT_LENGTH = 4096;

/** Whitespace anywhere and hyphens are how people and issuers group a secret for reading. */
const SEPARATORS = /[\s-]+/gu;
const BASE32_ONLY = /^[A-Z2-7]*$/;

/**
 * Strips grouping and padding and upper-cases, checking the alphabet but not the length.
 * Padding is optional and, when present, may only end the secret.
 */
function cleanSecret(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw new OtpError('secret-missing', 'The secret is missing.');
  }
  if (input.length > MAX_SECRET_INPUT_LENGTH) throw tooLong();
  const text = input.replace(SEPARATORS, '').toUpperCase().replace(/=+$/, '');
  if (text.length === 0) throw new OtpError('secret-missing', 'The secret is missing.');
  if (!BASE32_ONLY.test(text)) {
    throw new OtpError(
      'secret-invalid',
      'The secret is not valid base32: it may only contain the letters A to Z and the digits 2 to 7.',
    );
  }
  return text;
}

function tooLong(): OtpError {
  return new OtpError(
    'secret-too-long',
    `The secret is too long: Keyfob accepts secrets of at most ${MAX_SECRET_BYTES} bytes.`,
  );
}

/**
 * The canonical form of a base32 secret as people type, paste or scan it: case, spaces,
 * hyphens and `=` padding (present or not) do not matter. The result is canonical base32 of
 * the key bytes (upper case, no padding, unused trailing bits zero), so two spellings of
 * one key normalise to the same string and otplib's strict decoder accepts it.
 *
 * Throws {@link OtpError}: `secret-missing`, `secret-invalid`, `secret-too-short` (under
 * 80 bits) or `secret-too-long` (over 256 bytes). The message never quotes the secret.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-4
 */
export function normaliseSecret(input: string): string {
  const text = cleanSecret(input);
  const bytes = base32ByteLength(text.length);
  if (bytes < MIN_SECRET_BYTES) {
    throw new OtpError(
      'secret-too-short',
      `The secret is too short to be safe: it has ${bytes * 8} bits and Keyfob needs at least ${MIN_SECRET_BYTES * 8}.`,
    );
  }
  if (bytes > MAX_SECRET_BYTES) throw tooLong();
  const key = base32Decode(text);
  const canonical = base32Encode(key);
  wipe(key);
  return canonical;
}

/** How strong a secret is: its size in bits, and whether that is below 128 bits. */
export interface SecretStrength {
  bits: number;
  /** Under 128 bits (RFC 4226 §4 R6): usable, but worth a warning. */
  weak: boolean;
}

/**
 * Size of a secret's key in bits, and whether it counts as weak (under 128 bits). Accepts
 * the same spellings as {@link normaliseSecret} but does not check the length limits, so a
 * form can show the strength as someone types; throws `secret-missing` or `secret-invalid`.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-4
 */
export function secretStrength(secret: string): SecretStrength {
  const bits = base32ByteLength(cleanSecret(secret).length) * 8;
  return { bits, weak: bits < STRONG_SECRET_BYTES * 8 };
}

/** True when a secret is under 128 bits; see {@link secretStrength}. */
export const isWeakSecret = (secret: string): boolean => secretStrength(secret).weak;
