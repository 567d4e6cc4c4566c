// RFC 6238 TOTP for the test rig, on node:crypto only, so the rig does not depend on the
// code under test (src/otp) to compute the codes it types into pages.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(input) {
  const clean = String(input)
    .replace(/[\s=-]/g, '')
    .toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32 character');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * The TOTP code for `secret` (base32) at `time` (ms since epoch, default now).
 * Cognito uses SHA-1, 6 digits, 30 s steps: those are the defaults.
 */
export function totp(
  secret,
  { time = Date.now(), step = 30, digits = 6, algorithm = 'sha1' } = {},
) {
  const counter = Math.floor(time / 1000 / step);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** Milliseconds left in the current time step. */
export function msLeftInStep(step = 30, time = Date.now()) {
  return step * 1000 - (time % (step * 1000));
}
