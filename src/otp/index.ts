/**
 * One-time passwords: account parameters, TOTP/HOTP/Steam Guard codes through @otplib, otpauth://
 * parse and format, and time-step maths. Pure: no browser APIs (docs/architecture.md §2).
 */
export type { OtpAlgorithm, OtpParams, OtpType } from './types';
export { OtpError, isOtpError, type OtpErrorCode } from './errors';
export {
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_NAME_BYTES,
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  MAX_URI_LENGTH,
  MIN_DIGITS,
  MIN_PERIOD,
  MIN_SECRET_BYTES,
  OTP_ALGORITHMS,
  OTP_DEFAULTS,
  STRONG_SECRET_BYTES,
} from './limits';
export { normaliseSecret, secretStrength, isWeakSecret, type SecretStrength } from './secret';
export { createOtpParams, validateOtpParams, type OtpParamsInput } from './params';
export { parseOtpauthUri } from './uri-parse';
export { formatOtpauthUri } from './uri-format';
export { codeMaker, generateCode, type CodeMaker } from './generate';
export { STEAM_ALPHABET, STEAM_PARAMS, encodeSteamCode, isTimeBased } from './steam';
export { timeStep, validUntilMs } from './time-step';
export {
  CLOCK_JITTER_MS,
  CLOCK_WARNING_MS,
  MAX_CLOCK_OFFSET_MS,
  adoptOffset,
  estimateOffset,
  isClockOffset,
  parseHttpDate,
  type ClockOffset,
  type ServerTimeReading,
} from './clock-offset';
