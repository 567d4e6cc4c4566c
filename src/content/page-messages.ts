/**
 * The window.postMessage protocol between the page observer (MAIN world) and the content
 * script (isolated world). Both ends read what they receive as untrusted: the page can post
 * the same shapes, and that is accepted, because whatever the content script forwards is
 * bound by the background to the sender's own origin (docs/architecture.md §1).
 *
 * It imports only the Cognito protocol, which the observer bundles anyway.
 */
import { ERROR_NAME_PATTERN, type ObservedVerifyOutcome } from '../cognito/protocol';

/**
 * Observer → content: the page has started talking to Cognito (its first sign-in or MFA call).
 * It says nothing more; the bridge takes it as the moment to bring in the helper, so that the
 * background is awake and the helper ready before a setup or code screen shows.
 */
export interface ObserverActivity {
  __keyfob: 'observer';
  type: 'activity';
}

/** Observer → content: an AssociateSoftwareToken response carried a new secret. */
export interface ObserverAssociate {
  __keyfob: 'observer';
  type: 'associate';
  /** SecretCode, normalised base32 (upper case, no padding). */
  secret: string;
  /** `username` claim of the request's access token, or the USERNAME the page signed in with. */
  account?: string;
}

/** Observer → content: a VerifySoftwareToken response. */
export interface ObserverVerify {
  __keyfob: 'observer';
  type: 'verify';
  outcome: ObservedVerifyOutcome;
}

/** Every message the observer posts. */
export type ObserverMessage = ObserverActivity | ObserverAssociate | ObserverVerify;

/** Content → observer: the one thing the observer is told. An empty name means "add none". */
export interface ContentConfig {
  __keyfob: 'content';
  type: 'config';
  deviceName: string;
}

/** Longest device name Keyfob writes into a FriendlyDeviceName. */
export const MAX_DEVICE_NAME_CHARS = 64;
/** Longest account label accepted from the page. */
export const MAX_ACCOUNT_CHARS = 128;

const SECRET = /^[A-Z2-7]{16,512}$/;
// Control characters (C0, DEL, C1) would only garble a label.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A label-like string: non-blank, at most `max` characters, no control characters. */
export function isCleanText(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' && value.length <= max && value.trim() !== '' && !CONTROL.test(value)
  );
}

/** The own enumerable keys of a plain data object, or null for anything else. */
function keysOf(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  try {
    return Object.keys(value);
  } catch {
    return null;
  }
}

/** True when `keys` has every `required` key and nothing outside `required` and `optional`. */
function hasOnly(keys: string[], required: string[], optional: string[] = []): boolean {
  return (
    required.every((key) => keys.includes(key)) &&
    keys.every((key) => required.includes(key) || optional.includes(key))
  );
}

function readOutcome(value: unknown): ObservedVerifyOutcome | null {
  const keys = keysOf(value);
  if (!keys) return null;
  const outcome = value as Record<string, unknown>;
  if (outcome.kind === 'status' && hasOnly(keys, ['kind', 'status'])) {
    const { status } = outcome;
    return status === 'SUCCESS' || status === 'ERROR' ? { kind: 'status', status } : null;
  }
  if (outcome.kind === 'error' && hasOnly(keys, ['kind', 'errorName'])) {
    const { errorName } = outcome;
    return typeof errorName === 'string' && ERROR_NAME_PATTERN.test(errorName)
      ? { kind: 'error', errorName }
      : null;
  }
  return null;
}

/**
 * An observer message, checked strictly and copied field by field, or null when `data` is
 * not exactly one of the shapes above (unknown keys, wrong types, overlong values).
 */
export function readObserverMessage(data: unknown): ObserverMessage | null {
  const keys = keysOf(data);
  if (!keys) return null;
  const message = data as Record<string, unknown>;
  if (message.__keyfob !== 'observer') return null;
  switch (message.type) {
    case 'activity':
      return hasOnly(keys, ['__keyfob', 'type'])
        ? { __keyfob: 'observer', type: 'activity' }
        : null;
    case 'associate': {
      if (!hasOnly(keys, ['__keyfob', 'type', 'secret'], ['account'])) return null;
      const { secret, account } = message;
      if (typeof secret !== 'string' || !SECRET.test(secret)) return null;
      if (account !== undefined && !isCleanText(account, MAX_ACCOUNT_CHARS)) return null;
      const read: ObserverAssociate = { __keyfob: 'observer', type: 'associate', secret };
      if (account !== undefined) read.account = account;
      return read;
    }
    case 'verify': {
      if (!hasOnly(keys, ['__keyfob', 'type', 'outcome'])) return null;
      const outcome = readOutcome(message.outcome);
      return outcome ? { __keyfob: 'observer', type: 'verify', outcome } : null;
    }
    default:
      return null;
  }
}

/** The content script's config message, or null when `data` is not exactly that shape. */
export function readContentConfig(data: unknown): ContentConfig | null {
  const keys = keysOf(data);
  if (!keys || !hasOnly(keys, ['__keyfob', 'type', 'deviceName'])) return null;
  const message = data as Record<string, unknown>;
  if (message.__keyfob !== 'content' || message.type !== 'config') return null;
  const { deviceName } = message;
  if (deviceName !== '' && !isCleanText(deviceName, MAX_DEVICE_NAME_CHARS)) return null;
  return { __keyfob: 'content', type: 'config', deviceName: deviceName as string };
}
