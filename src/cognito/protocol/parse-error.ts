import { err, ok, type Result } from '../../shared';
import { ERROR_NAME_PATTERN } from './constants';
import { CognitoContractError } from './errors';
import { readOwn } from './field-rules';
import { readHeader } from './headers';
import { parseJsonObject } from './json-body';

/** A response the page received, as the page observer saw it. */
export interface ObservedResponse {
  /** HTTP status code. */
  status: unknown;
  headers?: unknown;
  bodyText?: unknown;
}

/** A Cognito error response, reduced to what Keyfob acts on. */
export interface CognitoServiceError {
  /** Bare error name (`CodeMismatchException`), or `UnknownError` when none could be read. */
  name: string;
  status: number;
  /** The service's own message, shortened; for display next to Keyfob's explanation. */
  message?: string;
  /** Where `name` came from. */
  source: 'header' | 'body' | 'none';
  /** Header and body both named an error, and not the same one. */
  conflicting: boolean;
}

/** The fallback name, the same one Amplify's own parser uses. */
export const UNKNOWN_ERROR_NAME = 'UnknownError';

const MAX_MESSAGE_CHARS = 500;

/**
 * The bare name in an error type such as
 * `com.amazonaws.cognito.identity.idp.model#CodeMismatchException:http://internal.amazon.com/…`:
 * cut at the first `,` or `:` (the `:url` suffix), then keep what follows `#` (the namespace
 * prefix), as the AWS SDK and Amplify do. Undefined when no plausible name is left.
 */
export function bareErrorName(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 2048) return undefined;
  const beforeSuffix = raw.split(/[,:]/, 1)[0] ?? '';
  const name = beforeSuffix.slice(beforeSuffix.lastIndexOf('#') + 1).trim();
  return ERROR_NAME_PATTERN.test(name) ? name : undefined;
}

function shortMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters would only garble a log line or a tooltip.
  const clean = value.replace(/\p{Cc}+/gu, ' ').trim();
  if (clean.length === 0) return undefined;
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}…` : clean;
}

/**
 * The error a Cognito response reports. The `x-amzn-ErrorType` header wins over the body's
 * `code`/`__type`, because that is the order the page's own client (AWS SDK v3, Amplify v6)
 * reads them in, and Keyfob must read the outcome the way the page does. Responses under 300
 * are not errors (`cognito-not-an-error`); a status outside 100–599 is not HTTP
 * (`cognito-invalid-response`). An error status with an unreadable body still yields an
 * error named `UnknownError`.
 */
export function parseCognitoError(
  response: ObservedResponse,
): Result<CognitoServiceError, CognitoContractError> {
  const { status } = response;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return err(new CognitoContractError('cognito-invalid-response', 'The status is not HTTP.'));
  }
  if (status < 300) {
    return err(new CognitoContractError('cognito-not-an-error', 'The response is a success.'));
  }
  const parsed = parseJsonObject(response.bodyText);
  const body = parsed.ok ? parsed.value : {};
  const headerName = bareErrorName(readHeader(response.headers, 'x-amzn-errortype'));
  const bodyName = bareErrorName(readOwn(body, 'code')) ?? bareErrorName(readOwn(body, '__type'));
  const message =
    shortMessage(readOwn(body, 'message')) ??
    shortMessage(readOwn(body, 'Message')) ??
    shortMessage(readHeader(response.headers, 'x-amzn-errormessage'));
  const error: CognitoServiceError = {
    name: headerName ?? bodyName ?? UNKNOWN_ERROR_NAME,
    status,
    source: headerName ? 'header' : bodyName ? 'body' : 'none',
    conflicting: headerName !== undefined && bodyName !== undefined && headerName !== bodyName,
  };
  if (message !== undefined) error.message = message;
  return ok(error);
}
