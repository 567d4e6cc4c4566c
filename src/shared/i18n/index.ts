/**
 * The pure part of Keyfob's languages, shared by the pages (src/ui/i18n) and the background:
 * the languages and their setting, the catalogue format, and how errors are translated.
 */
export { formatMessage, type Catalogue, type CatalogueEntry } from './format-message';
export {
  LOCALES,
  LANGUAGE_CHOICES,
  LANGUAGE_SETTING_KEY,
  DEFAULT_LOCALE,
  resolveLocale,
  browserLanguage,
  isLanguageChoice,
  type Locale,
  type LanguageChoice,
  type BrowserI18n,
} from './language';
export type { MessageKey } from './message-key';
export { ERROR_KEYS, ERROR_PATTERNS, localizeErrorWith } from './error-text';
