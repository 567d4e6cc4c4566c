import { localizeErrorWith } from '../shared/i18n';
import { activeLocale, t } from './i18n';

export { ERROR_KEYS, ERROR_PATTERNS } from '../shared/i18n';

/**
 * A KeyfobError's message in the active language. In English it is the background's own text;
 * in another language its translation (see {@link localizeErrorWith}).
 */
export function localizeError(code: string, message: string): string {
  return activeLocale() === 'en' ? message : localizeErrorWith(code, message, t);
}
