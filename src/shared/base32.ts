/**
 * Base32 (RFC 4648 §6) for OTP secrets.
 *
 * Encoding is canonical: upper case, no padding, unused trailing bits zero. Decoding is
 * deliberately more lenient than RFC 4648 §3.5 allows, in the same way authenticator apps
 * are: bits left over after the last whole byte are ignored, whatever their value and
 * however many characters carry them. Some issuers generate secrets as a run of random
 * base32 characters rather than by encoding whole bytes, and refusing those would lock
 * people out of accounts other apps accept.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */

/** The RFC 4648 base32 alphabet, in value order. */
export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const VALUES = new Map([...BASE32_ALPHABET].map((char, value) => [char, value]));

/** Canonical base32 of bytes: upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Bytes from upper-case, unpadded base32; leftover bits after the last whole byte are
 * ignored. Throws a TypeError, which never quotes the input, on any other character.
 */
export function base32Decode(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = VALUES.get(char);
    if (value === undefined) throw new TypeError('not a base32 string');
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Number of whole bytes that `length` base32 characters carry. */
export const base32ByteLength = (length: number): number => Math.floor((length * 5) / 8);
