import { OtpError } from './errors';
import { parsePeriod } from './fields';

// Time-step maths for RFC 6238 with T0 = 0. All inputs are milliseconds since the Unix
// epoch, as Date.now() gives them; the step is computed from whole seconds (as otplib does).
// codeMaker takes its steps from timeStep, so these functions and the codes always agree.

/** Whole Unix seconds at `atMs`, which TOTP counts its steps in. Throws `time-invalid`. */
export function toEpochSeconds(atMs: number): number {
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < 0) {
    throw new OtpError('time-invalid', 'The clock reading is not a valid time.');
  }
  return Math.floor(atMs / 1000);
}

/**
 * The RFC 6238 time step T = floor((unix seconds - T0) / X) at `atMs`, with T0 = 0 and
 * X = `period` seconds. Throws `time-invalid` or `period-invalid`.
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-4.2
 */
export function timeStep(atMs: number, period: number): number {
  return Math.floor(toEpochSeconds(atMs) / parsePeriod(period));
}

/**
 * When the code current at `atMs` stops being valid: the first millisecond of the next
 * time step. Throws `time-invalid` or `period-invalid`.
 * @see https://www.rfc-editor.org/rfc/rfc6238#section-4.2
 */
export function validUntilMs(atMs: number, period: number): number {
  return (timeStep(atMs, period) + 1) * period * 1000;
}
