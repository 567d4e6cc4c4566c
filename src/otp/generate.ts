import { generate as generateHotp } from '@otplib/hotp';
import { generate as generateTotp } from '@otplib/totp';
import { OtpError } from './errors';
import { validateOtpParams } from './params';
import { otpPlugins } from './plugins';
import { encodeSteamCode } from './steam';
import { toEpochSeconds } from './time-step';
import type { OtpAlgorithm, OtpParams } from './types';

const OTPLIB_ALGORITHM = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
} as const satisfies Record<OtpAlgorithm, string>;

/** Steam Guard: the same HMAC and truncation as TOTP, rendered in Steam's alphabet. */
const STEAM_HOOKS = Object.freeze({ encodeToken: encodeSteamCode });

/**
 * The code an account shows at `atMs` (ms since the Unix epoch): for TOTP and Steam Guard the
 * code of the time step containing `atMs`, for HOTP the code for `params.counter` (`atMs` is
 * ignored). Steam Guard codes are 5 characters of `STEAM_ALPHABET`, never digits.
 * The parameters are validated first, so nothing unchecked reaches otplib.
 *
 * Throws {@link OtpError}: a validation code, `time-invalid`, or `generation-failed` if
 * otplib itself fails (its error is dropped, not attached, as it may quote the secret).
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-4
 */
export async function generateCode(params: OtpParams, atMs: number): Promise<string> {
  const p = validateOtpParams(params);
  const common = {
    ...otpPlugins,
    secret: p.secret,
    algorithm: OTPLIB_ALGORITHM[p.algorithm],
    digits: p.digits,
  };
  const epoch = p.type === 'hotp' ? 0 : toEpochSeconds(atMs);
  const hooks = p.type === 'steam' ? { hooks: STEAM_HOOKS } : {};
  try {
    return p.type === 'hotp'
      ? await generateHotp({ ...common, counter: p.counter ?? 0 })
      : await generateTotp({ ...common, ...hooks, period: p.period, epoch });
  } catch {
    throw new OtpError('generation-failed', 'Keyfob could not compute a code for this account.');
  }
}
