import { ACCESS_TOKEN_PATTERN, SESSION_LENGTH, USER_CODE_LENGTH } from './constants';
import type { Violation } from './violation';

/**
 * Marks a property that exists but is not plain data (a getter, or a proxy that refused to
 * answer). JSON never produces one, so it can only come from code trying to be clever, and it
 * is reported as the wrong type rather than run.
 */
const NOT_DATA = Symbol('not-data');

/** A plain JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    // Array.isArray throws on a revoked proxy.
    return false;
  }
}

/**
 * The object's own data value for `key`, or undefined. Inherited properties do not count, so
 * a body parsed with a `__proto__` key, or an object whose prototype holds a `UserCode`,
 * cannot smuggle a field in.
 */
export function readOwn(object: object, key: string): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (!descriptor) return undefined;
    return 'value' in descriptor ? descriptor.value : NOT_DATA;
  } catch {
    return NOT_DATA;
  }
}

/** Missing or JSON null: AWS JSON services treat a null member as not set, as SDKs do. */
export const isAbsent = (value: unknown): value is undefined | null =>
  value === undefined || value === null;

/** Length in Unicode code points, which is how the API reference counts characters. */
function codePointLength(text: string): number {
  // A string cannot hold fewer code points than half its UTF-16 length; skip the walk for
  // values far outside every bound (a hostile 10 MB session, say).
  if (text.length > SESSION_LENGTH.max * 2) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const violation = (field: string, rule: Violation['rule'], message: string): Violation => ({
  field,
  rule,
  message,
});

const typeViolation = (field: string): Violation =>
  violation(field, 'type', `${field} must be a string.`);

/** UserCode: required, exactly 6 characters, ASCII digits only. Reports each rule it breaks. */
export function checkUserCode(value: unknown): Violation[] {
  const field = 'UserCode';
  if (isAbsent(value)) return [violation(field, 'required', `${field} is required.`)];
  if (typeof value !== 'string') return [typeViolation(field)];
  const found: Violation[] = [];
  if (codePointLength(value) !== USER_CODE_LENGTH) {
    found.push(
      violation(field, 'length', `${field} must be exactly ${USER_CODE_LENGTH} characters.`),
    );
  }
  if (!/^[0-9]+$/.test(value)) {
    found.push(violation(field, 'pattern', `${field} must contain only the digits 0-9.`));
  }
  return found;
}

/** Session, when present: a string of 20 to 2048 characters. */
export function checkSession(value: unknown): Violation[] {
  const field = 'Session';
  if (isAbsent(value)) return [];
  if (typeof value !== 'string') return [typeViolation(field)];
  const length = codePointLength(value);
  if (length < SESSION_LENGTH.min || length > SESSION_LENGTH.max) {
    return [
      violation(
        field,
        'length',
        `${field} must be ${SESSION_LENGTH.min} to ${SESSION_LENGTH.max} characters long.`,
      ),
    ];
  }
  return [];
}

/** AccessToken, when present: a string matching `[A-Za-z0-9-_=.]+` as a whole. */
export function checkAccessToken(value: unknown): Violation[] {
  const field = 'AccessToken';
  if (isAbsent(value)) return [];
  if (typeof value !== 'string') return [typeViolation(field)];
  if (!ACCESS_TOKEN_PATTERN.test(value)) {
    return [
      violation(
        field,
        'pattern',
        `${field} may contain only letters, digits and the characters - _ = .`,
      ),
    ];
  }
  return [];
}

/** FriendlyDeviceName, when present: a string (the seed sets no other bound). */
export function checkFriendlyDeviceName(value: unknown): Violation[] {
  return isAbsent(value) || typeof value === 'string' ? [] : [typeViolation('FriendlyDeviceName')];
}

/** The request names its user by an access token or by a session: exactly one of them. */
export function checkCredential(accessToken: unknown, session: unknown): Violation[] {
  const field = 'AccessToken|Session';
  const hasToken = !isAbsent(accessToken);
  const hasSession = !isAbsent(session);
  if (hasToken && hasSession) {
    return [violation(field, 'exclusive', 'Send an AccessToken or a Session, not both.')];
  }
  if (!hasToken && !hasSession) {
    return [violation(field, 'missing-credential', 'Send an AccessToken or a Session.')];
  }
  return [];
}

/** The body itself is not a JSON object. */
export const notAnObject = (): Violation =>
  violation('(body)', 'type', 'The request body must be a JSON object.');
