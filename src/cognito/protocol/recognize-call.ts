import { readHeader } from './headers';
import { parseJsonObject } from './json-body';
import { JSON_11_MEDIA_TYPE, TARGET_PREFIX } from './constants';

/** What a page is about to send (or sent): its request headers and body. */
export interface ObservedRequest {
  /** A `Headers`-like object, a record or name/value pairs (see `HeaderSource`). */
  headers?: unknown;
  /** The body as the page passed it: normally a JSON string. */
  body?: unknown;
}

/** API operation names are PascalCase words; anything else in the header is not one. */
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** The media type of a Content-Type value, without parameters such as charset. */
function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase();
}

/**
 * The Cognito operation a request's headers name, judged from the headers alone, so that a
 * caller can let every other request pass before reading any body: an `X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>` header and a JSON 1.1 content type. Null
 * otherwise. A request is a Cognito call only if its body passes {@link recognizeCognitoCall}.
 */
export function recognizeCognitoHeaders(headers: unknown): string | null {
  try {
    const target = readHeader(headers, 'x-amz-target');
    if (!target?.startsWith(TARGET_PREFIX)) return null;
    const operation = target.slice(TARGET_PREFIX.length);
    if (!OPERATION_NAME.test(operation)) return null;
    return mediaType(readHeader(headers, 'content-type')) === JSON_11_MEDIA_TYPE ? operation : null;
  } catch {
    return null;
  }
}

/**
 * The Cognito user-pool operation a request calls (`VerifySoftwareToken`, `InitiateAuth`, …),
 * or null when it is not a Cognito call. Recognised by protocol, whatever the host (docs/architecture.md
 * §4): headers that {@link recognizeCognitoHeaders} accepts, and a body that is a JSON object.
 */
export function recognizeCognitoCall(request: ObservedRequest): string | null {
  const operation = recognizeCognitoHeaders(request.headers);
  if (operation === null) return null;
  try {
    return parseJsonObject(request.body).ok ? operation : null;
  } catch {
    return null;
  }
}
