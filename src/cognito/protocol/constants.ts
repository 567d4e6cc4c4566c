/**
 * Wire facts of the Cognito user-pool API (docs/architecture.md §4): the JSON 1.1 protocol that every
 * client library speaks, whatever host it talks to.
 */

/** Prefix of the `X-Amz-Target` header value; the operation name follows the dot. */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Media type of Cognito request and response bodies (parameters such as charset allowed). */
export const JSON_11_MEDIA_TYPE = 'application/x-amz-json-1.1';

/**
 * Largest body, in UTF-16 code units, that Keyfob will parse. Real bodies of the calls it
 * reads stay under a few kilobytes (a Session is at most 2048 characters, tokens a few KB);
 * the cap keeps a hostile page from making the parser chew on megabytes.
 */
export const MAX_BODY_CHARS = 256 * 1024;

/** Length bounds of a Session string (seed: VerifySoftwareToken request and response). */
export const SESSION_LENGTH = { min: 20, max: 2048 } as const;

/** UserCode is exactly this many characters, all ASCII digits (seed). */
export const USER_CODE_LENGTH = 6;

/** AccessToken pattern from the seed, anchored because the service matches the whole value. */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9\-_=.]+$/;

/**
 * A bare error name such as `CodeMismatchException`: what Keyfob takes from an error answer, and
 * all it accepts as one from the page observer.
 */
export const ERROR_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
