import { isKeyfobError } from '../shared';
import type { SendMessage } from '../messaging';
import { localizeError } from './error-messages';
import { t } from './i18n';

/** The text to show for a failure. Only KeyfobError messages are written for people. */
export function errorMessage(error: unknown): string {
  return isKeyfobError(error) ? localizeError(error.code, error.message) : t('errorGeneric');
}

/** The stable code of a KeyfobError, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return isKeyfobError(error) ? error.code : undefined;
}

/**
 * Wraps `send` so that any request answered with `vault-locked` (auto-lock, a lock from
 * another window, a restarted worker) reports it once through `onLocked`. The error is still
 * thrown so the caller stops what it was doing.
 */
export function guardLocked(send: SendMessage, onLocked: () => void): SendMessage {
  return async (name, data) => {
    try {
      return await send(name, data);
    } catch (error) {
      if (errorCode(error) === 'vault-locked') onLocked();
      throw error;
    }
  };
}
