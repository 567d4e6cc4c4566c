/**
 * The Cognito user-pool wire protocol as Keyfob reads it (docs/architecture.md §4): recognising a call,
 * parsing AssociateSoftwareToken / VerifySoftwareToken requests and responses, error answers
 * and what each means for a pending account, and the labels a token names. Pure. package.json
 * declares that no module outside entrypoints/ has import-time effects that matter, so a bundle
 * importing this index keeps only what it calls (the error catalogue stays out of the page
 * observer, say).
 */
export { ERROR_NAME_PATTERN } from './constants';
export { CognitoContractError, type CognitoContractErrorCode } from './errors';
export type { Violation, ViolationRule } from './violation';
export { readHeader, type HeaderSource } from './headers';
export { parseJsonObject } from './json-body';
export {
  recognizeCognitoCall,
  recognizeCognitoHeaders,
  type ObservedRequest,
} from './recognize-call';
export {
  parseAssociateSoftwareTokenRequest,
  parseVerifySoftwareTokenRequest,
  type AssociateSoftwareTokenRequest,
  type VerifySoftwareTokenRequest,
} from './parse-requests';
export {
  parseAssociateSoftwareTokenResponse,
  parseVerifySoftwareTokenResponse,
  type AssociateSoftwareTokenResponse,
  type VerifySoftwareTokenResponse,
  type VerifySoftwareTokenStatus,
} from './parse-responses';
export { parseCognitoError, type CognitoServiceError, type ObservedResponse } from './parse-error';
export {
  isWholeBytesLength,
  MAX_SECRET_CHARS,
  MIN_SECRET_CHARS,
  normaliseSecretCode,
} from './secret-code';
export {
  describeCognitoError,
  type CatalogueAction,
  type CognitoErrorEntry,
} from './error-catalogue';
export {
  nextEnrollmentStep,
  type EnrollmentAction,
  type EnrollmentStep,
  type ObservedVerifyOutcome,
  type VerifyOutcome,
} from './enrollment-policy';
export { parseTokenClaims, type TokenClaims } from './token-claims';
export {
  createVerifyWatch,
  isCognitoApiUrl,
  isCognitoHostedUrl,
  readUserCode,
  type RequestBody,
  type RequestEvent,
  type VerifyEvidence,
  type VerifySubmission,
  type VerifyWatch,
  type VerifyWatchEvents,
  type VerifyWatchOptions,
} from './verify-evidence';
