import de from '../../../public/_locales/de/messages.json';
import en from '../../../public/_locales/en/messages.json';
import {
  COGNITO_ERROR_CATALOGUE,
  describeCognitoError,
  UNKNOWN_ERROR_ENTRY,
  VERIFY_SOFTWARE_TOKEN_ERRORS,
} from './error-catalogue';
import { nextEnrollmentStep } from './enrollment-policy';
import { parseCognitoError, UNKNOWN_ERROR_NAME } from './parse-error';

/** Every error name the VerifySoftwareToken seed lists, with its documented HTTP status. */
const SEED: Record<string, number> = {
  CodeMismatchException: 400,
  EnableSoftwareTokenMFAException: 400,
  InternalErrorException: 500,
  InvalidParameterException: 400,
  InvalidUserPoolConfigurationException: 400,
  NotAuthorizedException: 400,
  PasswordResetRequiredException: 400,
  ResourceNotFoundException: 400,
  SoftwareTokenMFANotFoundException: 400,
  TooManyRequestsException: 400,
  UserNotConfirmedException: 400,
  UserNotFoundException: 400,
};

/** Every entry of the catalogue, the fallback included. */
const ENTRIES = [...COGNITO_ERROR_CATALOGUE.values(), UNKNOWN_ERROR_ENTRY];

/** A message of a shipped catalogue by name; undefined for a name the catalogue lacks. */
const said = (catalogue: Record<string, { message: string }>, key: string) =>
  Object.hasOwn(catalogue, key) ? catalogue[key]!.message : undefined;

const EXPECTED_ACTION: Record<string, string> = {
  CodeMismatchException: 'retry-next-code',
  EnableSoftwareTokenMFAException: 'retry-next-code',
  InternalErrorException: 'keep-pending-retry-later',
  InvalidParameterException: 'keep-pending-ask-user',
  InvalidUserPoolConfigurationException: 'discard-pending',
  NotAuthorizedException: 'discard-pending',
  PasswordResetRequiredException: 'discard-pending',
  ResourceNotFoundException: 'discard-pending',
  SoftwareTokenMFANotFoundException: 'discard-pending',
  TooManyRequestsException: 'keep-pending-retry-later',
  UserNotConfirmedException: 'discard-pending',
  UserNotFoundException: 'discard-pending',
};

describe('error catalogue', () => {
  it('covers exactly the errors the seed lists', () => {
    expect([...VERIFY_SOFTWARE_TOKEN_ERRORS].sort()).toEqual(Object.keys(SEED).sort());
    expect([...COGNITO_ERROR_CATALOGUE.keys()].sort()).toEqual(Object.keys(SEED).sort());
  });

  it.each(Object.entries(SEED))(
    '%s has HTTP status %i, an explanation and its action',
    (name, status) => {
      const entry = describeCognitoError(name);
      expect(entry.name).toBe(name);
      expect(entry.httpStatus).toBe(status);
      expect(entry.action).toBe(EXPECTED_ACTION[name]);
      expect(said(en, entry.messageKey)?.length).toBeGreaterThan(20);
      expect(said(en, entry.messageKey)).not.toMatch(/Exception/);
    },
  );

  it.each(Object.keys(SEED))('reads %s from a real-shaped error response', (name) => {
    const parsed = parseCognitoError({
      status: SEED[name] as number,
      headers: {
        'x-amzn-ErrorType': `${name}:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/`,
      },
      bodyText: JSON.stringify({
        __type: `com.amazonaws.cognito.identity.idp.model#${name}`,
        message: 'm',
      }),
    });
    expect(parsed.ok && describeCognitoError(parsed.value.name).name).toBe(name);
  });

  // Every entry's message in both languages: background-text.test.ts.
  it('says what Keyfob did with the account in every explanation, in both languages', () => {
    for (const { action, messageKey } of ENTRIES) {
      if (action === 'discard-pending') {
        expect(said(en, messageKey)).toMatch(/removed/);
        expect(said(de, messageKey)).toMatch(/entfernt/);
      }
      if (action.startsWith('keep-pending')) {
        expect(said(en, messageKey)).toMatch(/kept/);
        expect(said(de, messageKey)).toMatch(/behalten/);
      }
    }
  });

  it.each([
    undefined,
    'UnknownError',
    'ForbiddenException',
    'constructor',
    '__proto__',
    'toString',
  ])('falls back, keeping the account, for %j', (name) => {
    expect(describeCognitoError(name)).toBe(UNKNOWN_ERROR_ENTRY);
    expect(UNKNOWN_ERROR_ENTRY.action).toBe('keep-pending-ask-user');
  });

  it('cannot be changed at run time', () => {
    const entry = describeCognitoError('NotAuthorizedException');
    expect(() => {
      (entry as { action: string }).action = 'retry-next-code';
    }).toThrow();
  });
});

describe('nextEnrollmentStep', () => {
  it('marks the account verified on SUCCESS only', () => {
    expect(nextEnrollmentStep({ kind: 'status', status: 'SUCCESS', attempt: 1 }).action).toBe(
      'mark-verified',
    );
    expect(nextEnrollmentStep({ kind: 'status', status: 'ERROR', attempt: 1 }).action).toBe(
      'retry-next-code',
    );
  });

  it.each(['CodeMismatchException', 'EnableSoftwareTokenMFAException'])(
    'retries %s with the next code once, then explains clock skew',
    (errorName) => {
      expect(nextEnrollmentStep({ kind: 'error', errorName, attempt: 1 }).action).toBe(
        'retry-next-code',
      );
      const second = nextEnrollmentStep({ kind: 'error', errorName, attempt: 2 });
      expect(second.action).toBe('explain-clock-skew');
      expect(said(en, second.messageKey)).toMatch(/clock/);
      expect(nextEnrollmentStep({ kind: 'error', errorName, attempt: 3 }).action).toBe(
        'explain-clock-skew',
      );
    },
  );

  it('treats Status ERROR after the retry as clock skew too', () => {
    expect(nextEnrollmentStep({ kind: 'status', status: 'ERROR', attempt: 2 }).action).toBe(
      'explain-clock-skew',
    );
  });

  it.each([0, -1, 1.5, NaN, Infinity])(
    'never retries with a nonsense attempt count (%s)',
    (attempt) => {
      expect(
        nextEnrollmentStep({ kind: 'error', errorName: 'CodeMismatchException', attempt }).action,
      ).toBe('explain-clock-skew');
    },
  );

  it.each(Object.entries(EXPECTED_ACTION).filter(([, action]) => action !== 'retry-next-code'))(
    'passes the catalogue action for %s through, whatever the attempt',
    (errorName, action) => {
      for (const attempt of [1, 2]) {
        const step = nextEnrollmentStep({ kind: 'error', errorName, attempt });
        expect(step.action).toBe(action);
        expect(step.messageKey).toBe(describeCognitoError(errorName).messageKey);
      }
    },
  );

  it('keeps the account for an unknown or unreadable error', () => {
    expect(
      nextEnrollmentStep({ kind: 'error', errorName: UNKNOWN_ERROR_NAME, attempt: 1 }).action,
    ).toBe('keep-pending-ask-user');
    expect(
      nextEnrollmentStep({ kind: 'error', errorName: 'BrandNewException', attempt: 1 }).action,
    ).toBe('keep-pending-ask-user');
  });
});
