import { dynamicTruncate, truncateDigits } from '@otplib/core';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { OtpError } from './errors';
import { validateOtpParams } from './params';
import { otpPlugins } from './plugins';
import { encodeSteamCode } from './steam';
import { timeStep } from './time-step';
import type { OtpAlgorithm, OtpParams } from './types';

/** The hashes of the crypto plugin in ./plugins (noble), by Keyfob's algorithm names. */
const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const satisfies Record<
  OtpAlgorithm,
  unknown
>;

/** An account's code at a moment (ms since the Unix epoch); see {@link codeMaker}. */
export type CodeMaker = (atMs: number) => string;

const failed = () =>
  new OtpError('generation-failed', 'Keyfob could not compute a code for this account.');

/**
 * The account's code generator. Everything that does not change from one code to the next is
 * done once: the parameters are checked, the secret decoded, and the HMAC keyed (noble hashes
 * the key's inner and outer pads when it is created; each code then costs a copy of that state
 * and two short hashes). Each code is then RFC 4226's HOTP through @otplib/core's own steps
 * (counter bytes, dynamic truncation, digits), at the time step of `atMs` for TOTP and Steam
 * Guard, or at `params.counter` for HOTP (`atMs` ignored). A popup listing 1,000 accounts
 * computes 2,000 codes: otplib's per-call checks and decoding cost four times the maths.
 * Steam Guard codes are 5 characters of `STEAM_ALPHABET`, never digits.
 *
 * Throws {@link OtpError}: a validation code at once; from the generator `time-invalid`, or
 * `generation-failed` (the underlying error is dropped, as it may quote the secret).
 * `generate.test.ts` checks it against otplib's own `generate` and the RFC vectors.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-4
 */
export function codeMaker(params: OtpParams): CodeMaker {
  const p = validateOtpParams(params);
  let keyed: ReturnType<typeof hmac.create>;
  try {
    keyed = hmac.create(HASHES[p.algorithm], otpPlugins.base32.decode(p.secret));
  } catch {
    throw failed();
  }
  // Each code starts from a copy of the keyed state, made into the same scratch HMAC and
  // digested into the same buffer: a listing makes no garbage per code.
  const scratch = keyed.clone();
  const digest = new Uint8Array(keyed.outputLen);
  const counterBytes = new Uint8Array(8);
  const counterView = new DataView(counterBytes.buffer);
  const render = p.type === 'steam' ? encodeSteamCode : truncateDigits;
  return (atMs) => {
    const counter = p.type === 'hotp' ? (p.counter ?? 0) : timeStep(atMs, p.period);
    try {
      // RFC 4226's 8-byte big-endian counter, as otplib's counterToBytes writes it but without
      // its BigInt (the counter is a safe integer, checked with the parameters).
      counterView.setUint32(0, Math.floor(counter / 2 ** 32));
      counterView.setUint32(4, counter >>> 0);
      keyed._cloneInto(scratch).update(counterBytes).digestInto(digest);
      return render(dynamicTruncate(digest), p.digits);
    } catch {
      throw failed();
    }
  };
}

/**
 * The code an account shows at `atMs`: {@link codeMaker} for one code. Callers that compute
 * codes for the same account again and again keep the maker instead.
 */
export async function generateCode(params: OtpParams, atMs: number): Promise<string> {
  return codeMaker(params)(atMs);
}
