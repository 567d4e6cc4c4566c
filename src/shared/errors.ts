/**
 * Base of every error Keyfob raises on purpose.
 *
 * `code` is stable and machine-readable (tests and the UI switch on it); `message` is
 * plain language for a person. Neither may ever contain a secret, a passphrase or a
 * whole otpauth URI (docs/architecture.md §3 rule 8), and neither may `cause`: wrap a foreign
 * error only when its text is known to be free of secrets.
 */
export class KeyfobError<Code extends string = string> extends Error {
  override name = 'KeyfobError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `value` is a KeyfobError, optionally with one of the given codes. */
export function isKeyfobError(value: unknown, ...codes: string[]): value is KeyfobError {
  return value instanceof KeyfobError && (codes.length === 0 || codes.includes(value.code));
}

/** What crosses a context boundary for an error: code and message only, never a stack or cause. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/**
 * Turns anything thrown into an ErrorInfo safe to send to another context. Unknown errors
 * become a generic `internal` error: their text may hold anything, so it is not forwarded.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof KeyfobError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong inside Keyfob. Please try again.' };
}
