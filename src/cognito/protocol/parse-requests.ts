import { err, ok, type Result } from '../../shared';
import { CognitoContractError } from './errors';
import { isAbsent, readOwn } from './field-rules';
import { parseJsonObject } from './json-body';
import {
  validateAssociateSoftwareTokenRequest,
  validateVerifySoftwareTokenRequest,
} from './validate-requests';
import type { Violation } from './violation';

/** AssociateSoftwareToken request body, with the wire's member names (seed request syntax). */
export interface AssociateSoftwareTokenRequest {
  AccessToken?: string;
  Session?: string;
}

/** VerifySoftwareToken request body, with the wire's member names (seed request syntax). */
export interface VerifySoftwareTokenRequest {
  UserCode: string;
  AccessToken?: string;
  Session?: string;
  FriendlyDeviceName?: string;
}

const invalidRequest = (violations: Violation[]) =>
  err(
    new CognitoContractError(
      'cognito-invalid-request',
      'The request breaks the Cognito contract.',
      violations,
    ),
  );

/** Copies the named string members that are present, and nothing else from the body. */
function pickStrings(body: Record<string, unknown>, keys: readonly string[]) {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = readOwn(body, key);
    if (!isAbsent(value) && typeof value === 'string') picked[key] = value;
  }
  return picked;
}

/**
 * A page's AssociateSoftwareToken body, read and checked. A body the service would reject is
 * an error carrying every violation: such a call cannot start an enrollment.
 */
export function parseAssociateSoftwareTokenRequest(
  body: unknown,
): Result<AssociateSoftwareTokenRequest, CognitoContractError> {
  const parsed = parseJsonObject(body);
  if (!parsed.ok) return parsed;
  const violations = validateAssociateSoftwareTokenRequest(parsed.value);
  if (violations.length > 0) return invalidRequest(violations);
  return ok(pickStrings(parsed.value, ['AccessToken', 'Session']));
}

/**
 * A page's VerifySoftwareToken body, read and checked. A body the service would reject is an
 * error carrying every violation.
 */
export function parseVerifySoftwareTokenRequest(
  body: unknown,
): Result<VerifySoftwareTokenRequest, CognitoContractError> {
  const parsed = parseJsonObject(body);
  if (!parsed.ok) return parsed;
  const violations = validateVerifySoftwareTokenRequest(parsed.value);
  if (violations.length > 0) return invalidRequest(violations);
  const picked = pickStrings(parsed.value, [
    'UserCode',
    'AccessToken',
    'Session',
    'FriendlyDeviceName',
  ]);
  return ok({ ...picked, UserCode: picked.UserCode ?? '' });
}
