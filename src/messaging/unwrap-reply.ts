import { KeyfobError } from '../shared/errors';
import type { Reply } from './protocol';

/**
 * The value of a background reply, or its error thrown as a KeyfobError with the background's
 * code and message. Anything that is not a reply (no listener answered) is a `no-reply` error.
 */
export function unwrapReply<T>(reply: unknown): T {
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new KeyfobError('no-reply', 'Keyfob’s background did not answer. Please try again.');
  }
  const typed = reply as Reply<T>;
  if (!typed.ok) throw new KeyfobError(typed.error.code, typed.error.message);
  return typed.value;
}
