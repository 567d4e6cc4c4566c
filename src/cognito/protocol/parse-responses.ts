import { err, ok, type Result } from '../../shared';
import { CognitoContractError } from './errors';
import { checkSession, isAbsent, readOwn } from './field-rules';
import { parseJsonObject } from './json-body';
import { normaliseSecretCode } from './secret-code';
import type { Violation } from './violation';

/** AssociateSoftwareToken's answer: the new TOTP secret and, in the sign-in flow, a session. */
export interface AssociateSoftwareTokenResponse {
  /** Normalised base32: upper case, no padding, at least 16 characters. */
  SecretCode: string;
  Session?: string;
}

/** The two values VerifySoftwareToken's Status may take (seed: Valid Values). */
export type VerifySoftwareTokenStatus = 'SUCCESS' | 'ERROR';

/** VerifySoftwareToken's answer (seed response syntax). */
export interface VerifySoftwareTokenResponse {
  Status: VerifySoftwareTokenStatus;
  Session?: string;
}

const invalidResponse = (violations: Violation[]) =>
  err(
    new CognitoContractError(
      'cognito-invalid-response',
      'The response breaks the Cognito contract.',
      violations,
    ),
  );

/** The optional Session member: a string of 20–2048 characters when present. */
function readSession(body: Record<string, unknown>): {
  session?: string;
  violations: Violation[];
} {
  const value = readOwn(body, 'Session');
  const violations = checkSession(value);
  return violations.length === 0 && typeof value === 'string'
    ? { session: value, violations }
    : { violations };
}

/**
 * The body of a successful AssociateSoftwareToken response. SecretCode must be base32 of at
 * least 16 characters: anything else is not a secret Keyfob could compute codes for.
 */
export function parseAssociateSoftwareTokenResponse(
  bodyText: unknown,
): Result<AssociateSoftwareTokenResponse, CognitoContractError> {
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return parsed;
  const rawSecret = readOwn(parsed.value, 'SecretCode');
  const secret = normaliseSecretCode(rawSecret);
  const { session, violations } = readSession(parsed.value);
  if (secret === undefined) {
    violations.unshift(
      isAbsent(rawSecret)
        ? { field: 'SecretCode', rule: 'required', message: 'SecretCode is required.' }
        : typeof rawSecret !== 'string'
          ? { field: 'SecretCode', rule: 'type', message: 'SecretCode must be a string.' }
          : {
              field: 'SecretCode',
              rule: 'pattern',
              message: 'SecretCode must be base32 of at least 16 characters.',
            },
    );
  }
  if (secret === undefined || violations.length > 0) return invalidResponse(violations);
  return ok(
    session === undefined ? { SecretCode: secret } : { SecretCode: secret, Session: session },
  );
}

/** The body of a successful VerifySoftwareToken response. */
export function parseVerifySoftwareTokenResponse(
  bodyText: unknown,
): Result<VerifySoftwareTokenResponse, CognitoContractError> {
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return parsed;
  const status = readOwn(parsed.value, 'Status');
  const { session, violations } = readSession(parsed.value);
  if (status !== 'SUCCESS' && status !== 'ERROR') {
    // Required by Keyfob rather than by the seed: without it, the outcome is unknown.
    violations.unshift(
      isAbsent(status)
        ? { field: 'Status', rule: 'required', message: 'Status is required.' }
        : typeof status !== 'string'
          ? { field: 'Status', rule: 'type', message: 'Status must be a string.' }
          : { field: 'Status', rule: 'enum', message: 'Status must be SUCCESS or ERROR.' },
    );
  }
  if (violations.length > 0 || (status !== 'SUCCESS' && status !== 'ERROR')) {
    return invalidResponse(violations);
  }
  return ok(session === undefined ? { Status: status } : { Status: status, Session: session });
}
