import {
  parseAssociateSoftwareTokenRequest,
  parseAssociateSoftwareTokenResponse,
  parseCognitoError,
  parseJsonObject,
  parseTokenClaims,
  parseVerifySoftwareTokenRequest,
  parseVerifySoftwareTokenResponse,
  readHeader,
  recognizeCognitoCall,
  recognizeCognitoHeaders,
} from '../../cognito/protocol';
import {
  MAX_ACCOUNT_CHARS,
  isCleanText,
  type ObserverAssociate,
  type ObserverMessage,
} from '../page-messages';

const WATCHED = [
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'InitiateAuth',
  'RespondToAuthChallenge',
] as const;

/** Cognito operations the observer reads. Every other request passes by untouched and unread. */
type WatchedOperation = (typeof WATCHED)[number];

const isWatched = (operation: string | null): operation is WatchedOperation =>
  (WATCHED as readonly (string | null)[]).includes(operation);

/** What the fetch and XHR hooks share: the device name to add, the outbox, one remembered label. */
export interface ObserverState {
  /** The device name the content script gave, or '' when none should be added. */
  deviceName(): string;
  post(message: ObserverMessage): void;
  /** USERNAME of the page's latest sign-in call: the account label for Session-based setup. */
  username?: string;
  /** The page's first watched call has been announced (an `activity` message). */
  announced?: boolean;
}

/** One watched call, from its request to its response. */
export interface Exchange {
  readonly operation: WatchedOperation;
  /** The request body may have to be rewritten (a FriendlyDeviceName to add) before it is sent. */
  readonly mayRewrite: boolean;
  /** The response is worth reading. */
  readonly wantsResponse: boolean;
  /** Reads the request body; returns a replacement body, or undefined to send it unchanged. */
  request(body: unknown): string | undefined;
  /** Reads the response and posts what it says. */
  response(status: number, headers: unknown, bodyText: unknown): void;
}

/** A SigV4-signed request: its body is covered by the signature and must not change. */
const isSigned = (headers: unknown): boolean =>
  readHeader(headers, 'authorization') !== undefined ||
  readHeader(headers, 'x-amz-content-sha256') !== undefined;

function ownObject(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const member = (value as Record<string, unknown>)[key];
  return typeof member === 'object' && member !== null && !Array.isArray(member)
    ? (member as Record<string, unknown>)
    : undefined;
}

/**
 * USERNAME from a sign-in call (InitiateAuth's AuthParameters, RespondToAuthChallenge's
 * ChallengeResponses). Only that one member is kept; the rest of the body (a password, an
 * SRP value) is dropped with the parsed object.
 */
function usernameOf(operation: WatchedOperation, body: unknown): string | undefined {
  const parsed = parseJsonObject(body);
  if (!parsed.ok) return undefined;
  const container = operation === 'InitiateAuth' ? 'AuthParameters' : 'ChallengeResponses';
  const params = ownObject(parsed.value, container);
  const username = params && Object.hasOwn(params, 'USERNAME') ? params.USERNAME : undefined;
  return isCleanText(username, MAX_ACCOUNT_CHARS) ? username : undefined;
}

/** Who an AssociateSoftwareToken call is for: claims of its access token, never the token. */
function associateHints(body: unknown, username: string | undefined) {
  const parsed = parseAssociateSoftwareTokenRequest(body);
  if (!parsed.ok) return null;
  const hints: Pick<ObserverAssociate, 'account'> = {};
  if (parsed.value.AccessToken !== undefined) {
    const claims = parseTokenClaims(parsed.value.AccessToken);
    if (isCleanText(claims.username, MAX_ACCOUNT_CHARS)) hints.account = claims.username;
  } else if (username !== undefined) {
    hints.account = username;
  }
  return hints;
}

/**
 * The body with `FriendlyDeviceName` added, or undefined when the body is not a valid
 * VerifySoftwareToken request or already names the device.
 */
function withDeviceName(body: unknown, deviceName: string): string | undefined {
  if (deviceName === '') return undefined;
  const request = parseVerifySoftwareTokenRequest(body);
  if (!request.ok || request.value.FriendlyDeviceName !== undefined) return undefined;
  const parsed = parseJsonObject(body);
  if (!parsed.ok) return undefined;
  return JSON.stringify({ ...parsed.value, FriendlyDeviceName: deviceName });
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Starts following a request whose headers name a watched operation (judged from the headers
 * alone, whatever the host: docs/architecture.md §4); null for every other request, whose body is never
 * read.
 */
export function createExchange(state: ObserverState, headers: unknown): Exchange | null {
  const operation = recognizeCognitoHeaders(headers);
  if (!isWatched(operation)) return null;
  if (!state.announced) {
    state.announced = true;
    state.post({ __keyfob: 'observer', type: 'activity' });
  }
  let recognised = false;
  let hints: Pick<ObserverAssociate, 'account'> | null = null;
  const mayRewrite =
    operation === 'VerifySoftwareToken' && state.deviceName() !== '' && !isSigned(headers);

  return {
    operation,
    mayRewrite,
    wantsResponse: operation === 'AssociateSoftwareToken' || operation === 'VerifySoftwareToken',
    request(body) {
      recognised = recognizeCognitoCall({ headers, body }) === operation;
      if (!recognised) return undefined;
      switch (operation) {
        case 'AssociateSoftwareToken':
          hints = associateHints(body, state.username);
          return undefined;
        case 'VerifySoftwareToken':
          return mayRewrite ? withDeviceName(body, state.deviceName()) : undefined;
        case 'InitiateAuth':
        case 'RespondToAuthChallenge': {
          const username = usernameOf(operation, body);
          if (username !== undefined) state.username = username;
          return undefined;
        }
      }
    },
    response(status, responseHeaders, bodyText) {
      if (!recognised || typeof status !== 'number' || status < 200) return;
      if (operation === 'AssociateSoftwareToken') {
        if (!hints || !isSuccess(status)) return;
        const parsed = parseAssociateSoftwareTokenResponse(bodyText);
        if (!parsed.ok) return;
        state.post({
          __keyfob: 'observer',
          type: 'associate',
          secret: parsed.value.SecretCode,
          ...hints,
        });
      } else if (operation === 'VerifySoftwareToken') {
        if (isSuccess(status)) {
          const parsed = parseVerifySoftwareTokenResponse(bodyText);
          if (!parsed.ok) return;
          state.post({
            __keyfob: 'observer',
            type: 'verify',
            outcome: { kind: 'status', status: parsed.value.Status },
          });
        } else {
          const error = parseCognitoError({ status, headers: responseHeaders, bodyText });
          if (!error.ok) return;
          state.post({
            __keyfob: 'observer',
            type: 'verify',
            outcome: { kind: 'error', errorName: error.value.name },
          });
        }
      }
    },
  };
}
