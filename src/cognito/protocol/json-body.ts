import { err, ok, utf8Decode, type Result } from '../../shared';
import { CognitoContractError } from './errors';
import { isJsonObject } from './field-rules';
import { MAX_BODY_CHARS } from './constants';

const TOO_LARGE = Symbol('too-large');

const isArrayBuffer = (value: unknown): value is ArrayBuffer =>
  // instanceof fails for buffers made in another realm (the page's own world).
  Object.prototype.toString.call(value) === '[object ArrayBuffer]';

/**
 * The text of a body as a page hands it over: a string, or UTF-8 bytes. Undefined for
 * anything else (FormData, streams, objects), which no Cognito client sends. Byte bodies are
 * capped on their byte length, before decoding, so the cap saves the decoding work too.
 */
function readBodyText(body: unknown): string | undefined | typeof TOO_LARGE {
  if (typeof body === 'string') return body.length > MAX_BODY_CHARS ? TOO_LARGE : body;
  try {
    let bytes: Uint8Array | undefined;
    if (isArrayBuffer(body)) bytes = new Uint8Array(body);
    else if (ArrayBuffer.isView(body)) {
      bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    }
    if (!bytes) return undefined;
    if (bytes.byteLength > MAX_BODY_CHARS) return TOO_LARGE;
    return utf8Decode(bytes);
  } catch {
    // Invalid UTF-8, or a detached buffer.
    return undefined;
  }
}

/**
 * A body parsed as one JSON object, or why it is not one. Never throws, whatever the input:
 * oversized text is refused before parsing, and parse failures become errors with fixed text
 * (the body may hold a token, so none of it is quoted).
 */
export function parseJsonObject(
  body: unknown,
): Result<Record<string, unknown>, CognitoContractError> {
  const text = readBodyText(body);
  if (text === TOO_LARGE) {
    return err(new CognitoContractError('cognito-body-too-large', 'The body is too large.'));
  }
  if (text === undefined) {
    return err(new CognitoContractError('cognito-malformed-json', 'The body is not JSON text.'));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(new CognitoContractError('cognito-malformed-json', 'The body is not valid JSON.'));
  }
  if (!isJsonObject(value)) {
    return err(new CognitoContractError('cognito-not-object', 'The body is not a JSON object.'));
  }
  return ok(value);
}
