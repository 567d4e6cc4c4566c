import type { MessageKey } from '../../shared/i18n';

/**
 * What Keyfob does with a pending account after a VerifySoftwareToken error:
 * - `retry-next-code`: fill the next time step's code and submit once more;
 * - `keep-pending-retry-later`: a passing problem on the service's side; keep the account, do
 *   not retry on our own (retrying into throttling makes it worse), tell the person to wait;
 * - `keep-pending-ask-user`: something Keyfob cannot judge; keep the account and let the
 *   person decide;
 * - `discard-pending`: this setup can no longer finish with this secret; remove it.
 *
 * The rule behind the split: discard only when the secret certainly cannot be verified any
 * more. A pending account left behind is visible and removable; a secret discarded while the
 * site could still accept it cannot be brought back.
 */
export type CatalogueAction =
  'retry-next-code' | 'keep-pending-retry-later' | 'keep-pending-ask-user' | 'discard-pending';

/** An error VerifySoftwareToken can raise: HTTP status, meaning for a person, Keyfob's action. */
export interface CognitoErrorEntry {
  name: string;
  /** HTTP status the seed documents; undefined for the fallback entry. */
  httpStatus?: number;
  /**
   * What to tell the person setting up the authenticator, as the name of a message in
   * `public/_locales`: the background words it in the person's language. Each message also
   * says what Keyfob did with the pending account.
   */
  messageKey: MessageKey;
  action: CatalogueAction;
}

/** Every error name the seed lists for VerifySoftwareToken, in the seed's order. */
export const VERIFY_SOFTWARE_TOKEN_ERRORS = [
  'CodeMismatchException',
  'EnableSoftwareTokenMFAException',
  'InternalErrorException',
  'InvalidParameterException',
  'InvalidUserPoolConfigurationException',
  'NotAuthorizedException',
  'PasswordResetRequiredException',
  'ResourceNotFoundException',
  'SoftwareTokenMFANotFoundException',
  'TooManyRequestsException',
  'UserNotConfirmedException',
  'UserNotFoundException',
] as const;

/** An error name the seed lists for VerifySoftwareToken. */
type VerifySoftwareTokenErrorName = (typeof VERIFY_SOFTWARE_TOKEN_ERRORS)[number];

const entries: Record<VerifySoftwareTokenErrorName, Omit<CognitoErrorEntry, 'name'>> = {
  // A code can land on a time-step boundary or count as already used; the next one usually
  // passes. A second refusal points at the clock (see nextEnrollmentStep).
  CodeMismatchException: {
    httpStatus: 400,
    messageKey: 'noticeCodeRetry',
    action: 'retry-next-code',
  },
  // What the real service answers to a wrong code during setup (docs/architecture.md §4): the same case.
  EnableSoftwareTokenMFAException: {
    httpStatus: 400,
    messageKey: 'noticeCodeRetry',
    action: 'retry-next-code',
  },
  // The association on the service is untouched, so the same secret can still be verified.
  InternalErrorException: {
    httpStatus: 500,
    messageKey: 'noticeServiceProblem',
    action: 'keep-pending-retry-later',
  },
  // The request's form was refused: a mistyped code, a device name the site refuses, or no
  // secret on record for this user. Nothing says this secret is dead, and a resubmitted code
  // can still verify it, so it stays; the person can remove it if the site starts over.
  InvalidParameterException: {
    httpStatus: 400,
    messageKey: 'noticeMalformed',
    action: 'keep-pending-ask-user',
  },
  // Only the site's owner can fix the pool; when they do, the site starts a new setup with a
  // new secret, so this one has no future.
  InvalidUserPoolConfigurationException: {
    httpStatus: 400,
    messageKey: 'noticePoolBroken',
    action: 'discard-pending',
  },
  // The setup session (3 minutes in the sign-in flow) or the access token ended. A new
  // sign-in brings a new setup challenge and a new secret.
  NotAuthorizedException: {
    httpStatus: 400,
    messageKey: 'noticeSessionExpired',
    action: 'discard-pending',
  },
  // Nothing else can happen before the reset, and after it the site sets up afresh.
  PasswordResetRequiredException: {
    httpStatus: 400,
    messageKey: 'noticePasswordReset',
    action: 'discard-pending',
  },
  // The user pool or app client the secret belongs to does not exist (any more).
  ResourceNotFoundException: {
    httpStatus: 400,
    messageKey: 'noticePoolMissing',
    action: 'discard-pending',
  },
  // The pool does not allow authenticator apps: no code will ever be accepted.
  SoftwareTokenMFANotFoundException: {
    httpStatus: 400,
    messageKey: 'noticeNoAuthenticatorApps',
    action: 'discard-pending',
  },
  // A passing limit. Keyfob does not retry by itself: more requests prolong throttling.
  TooManyRequestsException: {
    httpStatus: 400,
    messageKey: 'noticeTooManyAttempts',
    action: 'keep-pending-retry-later',
  },
  // The account must be confirmed first; setup runs again afterwards, with a new secret.
  UserNotConfirmedException: {
    httpStatus: 400,
    messageKey: 'noticeUserNotConfirmed',
    action: 'discard-pending',
  },
  // There is no user for this secret to belong to.
  UserNotFoundException: {
    httpStatus: 400,
    messageKey: 'noticeUserNotFound',
    action: 'discard-pending',
  },
};

/**
 * The entry for an error Keyfob does not know (including a response it could not read). When
 * unsure, keep: see {@link CatalogueAction} for why.
 */
export const UNKNOWN_ERROR_ENTRY: CognitoErrorEntry = Object.freeze({
  name: 'UnknownError',
  messageKey: 'noticeUnknownError',
  action: 'keep-pending-ask-user',
});

/** The catalogue, keyed by bare error name. A Map, so names like `constructor` find nothing. */
export const COGNITO_ERROR_CATALOGUE: ReadonlyMap<string, CognitoErrorEntry> = new Map(
  VERIFY_SOFTWARE_TOKEN_ERRORS.map((name) => [name, Object.freeze({ name, ...entries[name] })]),
);

/** The catalogue entry for an error name, or the fallback entry for any other name. */
export function describeCognitoError(name: string | undefined): CognitoErrorEntry {
  return (name !== undefined && COGNITO_ERROR_CATALOGUE.get(name)) || UNKNOWN_ERROR_ENTRY;
}
