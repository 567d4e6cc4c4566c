/**
 * The Cognito contract (AssociateSoftwareToken / VerifySoftwareToken, seeds/) and the page
 * detectors of the enrollment helper. Pure: no browser APIs; detectors take a `Document`.
 */
export { CognitoContractError, type CognitoContractErrorCode } from './errors';
export type { Violation, ViolationRule } from './violation';
export {
  ACCESS_TOKEN_PATTERN,
  JSON_11_MEDIA_TYPE,
  MAX_BODY_CHARS,
  SESSION_LENGTH,
  TARGET_PREFIX,
  USER_CODE_LENGTH,
  type KnownCognitoOperation,
} from './protocol';
export {
  validateAssociateSoftwareTokenRequest,
  validateVerifySoftwareTokenRequest,
} from './validate-requests';
export { readHeader, type HeaderSource } from './headers';
export { parseJsonObject } from './json-body';
export { recognizeCognitoCall, type ObservedRequest } from './recognize-call';
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
export {
  bareErrorName,
  parseCognitoError,
  UNKNOWN_ERROR_NAME,
  type CognitoServiceError,
  type ObservedResponse,
} from './parse-error';
export { MIN_SECRET_CHARS, normaliseSecretCode } from './secret-code';
export {
  COGNITO_ERROR_CATALOGUE,
  describeCognitoError,
  UNKNOWN_ERROR_ENTRY,
  VERIFY_SOFTWARE_TOKEN_ERRORS,
  type CatalogueAction,
  type CognitoErrorEntry,
  type VerifySoftwareTokenErrorName,
} from './error-catalogue';
export {
  MAX_CODE_ATTEMPTS,
  nextEnrollmentStep,
  type EnrollmentAction,
  type EnrollmentStep,
  type VerifyOutcome,
} from './enrollment-policy';
export { parseTokenClaims, type TokenClaims } from './token-claims';
export { type ScreenKind } from './screen-kind';
export { findCodeInputs, type CodeInputs } from './find-code-inputs';
export { mayHoldCodeField } from './code-field-hint';
export { type DeviceNameField } from './find-device-name-input';
export { type QrImageCandidate } from './find-qr-images';
export { type SubmitControl } from './find-submit';
export {
  detectSetupScreen,
  NEAR_LEVELS,
  type SetupEvidence,
  type SetupScreen,
} from './detect-setup-screen';
export {
  detectSignInCodeScreen,
  type CodeSource,
  type SignInCodeScreen,
} from './detect-sign-in-code-screen';
