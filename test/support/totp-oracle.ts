import { createHmac, randomBytes } from 'node:crypto';

/**
 * The one TOTP oracle of the tests (unit and end to end): an independent RFC 4226 / RFC 6238
 * implementation on node:crypto for the codes the extension shows. It deliberately shares no
 * code with the app (which uses otplib), so a bug there cannot hide itself here.
 */

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** HMAC algorithms TOTP allows. */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Encodes bytes as RFC 4648 base32, upper case, without padding (as otpauth URIs carry it). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 base32; ignores case, spaces, hyphens and padding. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not a base32 character: ${JSON.stringify(char)}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * HOTP value for one counter.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 */
export function hotp(
  key: Uint8Array,
  counter: number,
  { digits = 6, algorithm = 'SHA1' }: { digits?: number; algorithm?: TotpAlgorithm } = {},
): string {
  const binary = truncatedHmac(key, counter, algorithm);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The 31-bit dynamic-truncation value of HMAC(key, counter), before any rendering.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 */
function truncatedHmac(key: Uint8Array, counter: number, algorithm: TotpAlgorithm): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * Steam Guard's 5-character code for one time step: the truncated HMAC-SHA1 value written in
 * base 26 over Steam's alphabet, least significant digit first (as Steam's client does).
 */
export function steamCode(key: Uint8Array, step: number): string {
  let value = truncatedHmac(key, step, 'SHA1');
  let code = '';
  for (let i = 0; i < 5; i += 1) {
    code += STEAM_ALPHABET[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

/** Parameters of one TOTP account. */
export interface TotpParams {
  /** Base32 secret. */
  secret: string;
  digits?: number;
  period?: number;
  algorithm?: TotpAlgorithm;
  /** A Steam Guard account: 5 characters in Steam's alphabet instead of digits. */
  steam?: boolean;
}

/** The time step number for an instant. */
export function timeStep(timeMs: number, period = 30): number {
  return Math.floor(timeMs / 1000 / period);
}

/**
 * TOTP code at an instant.
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-4
 */
export function totp(params: TotpParams, timeMs: number): string {
  const { secret, digits = 6, period = 30, algorithm = 'SHA1' } = params;
  if (params.steam) return steamCode(base32Decode(secret), timeStep(timeMs, 30));
  return hotp(base32Decode(secret), timeStep(timeMs, period), { digits, algorithm });
}

/**
 * Codes a display may legitimately show for a read that happened between `beforeMs` and
 * `afterMs`: the code of every step in that window, plus the previous step when the read
 * began within `graceMs` of a step boundary (the popup refreshes on its own timer).
 */
export function acceptableCodes(
  params: TotpParams,
  beforeMs: number,
  afterMs: number,
  graceMs = 2_000,
): Set<string> {
  const period = params.period ?? 30;
  const codes = new Set<string>();
  const first = timeStep(beforeMs - graceMs, period);
  const last = timeStep(afterMs, period);
  for (let step = first; step <= last; step += 1) codes.add(totp(params, step * period * 1000));
  return codes;
}

/** A fresh random secret: `bytes` random bytes, and their base32 form. */
export function randomSecret(bytes = 20): { raw: Buffer; base32: string } {
  const raw = randomBytes(bytes);
  return { raw, base32: base32Encode(raw) };
}
