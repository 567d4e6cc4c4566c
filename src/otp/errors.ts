import { KeyfobError } from '../shared';

/**
 * Why an account's parameters, secret or otpauth:// URI were refused. Stable: the UI and
 * tests switch on these.
 *
 * Names in a URI's label are reported as `label-invalid`; the same problems in typed-in
 * fields as `account-invalid` or `issuer-invalid`, so the UI can point at the field.
 */
export type OtpErrorCode =
  | 'uri-too-long'
  | 'uri-malformed'
  | 'uri-scheme'
  | 'uri-type'
  | 'param-duplicated'
  | 'label-invalid'
  | 'account-missing'
  | 'account-invalid'
  | 'issuer-invalid'
  | 'type-invalid'
  | 'secret-missing'
  | 'secret-invalid'
  | 'secret-too-short'
  | 'secret-too-long'
  | 'algorithm-unsupported'
  | 'digits-invalid'
  | 'period-invalid'
  | 'counter-missing'
  | 'counter-invalid'
  | 'time-invalid'
  | 'generation-failed';

/**
 * The one error the OTP module throws on purpose.
 *
 * It never carries a `cause`: the errors it replaces (from otplib, `decodeURIComponent`,
 * the base32 decoder) may quote the secret or the URI, and docs/architecture.md §3 rule 8 forbids
 * passing those on. Messages only ever name fixed parameter names and limits.
 */
export class OtpError extends KeyfobError<OtpErrorCode> {
  override name = 'OtpError';

  constructor(code: OtpErrorCode, message: string) {
    super(code, message);
  }
}

/** True when `value` is an OtpError, optionally with one of the given codes. */
export function isOtpError(value: unknown, ...codes: OtpErrorCode[]): value is OtpError {
  return value instanceof OtpError && (codes.length === 0 || codes.includes(value.code));
}
