/** Every user-facing string of the popup and options page comes through {@link t}. */
export { t, setCatalogue, setMessages, activeLocale, type MessageKey } from './t';
export {
  formatMessage,
  type Catalogue,
  type CatalogueEntry,
  LOCALES,
  LANGUAGE_CHOICES,
  DEFAULT_LOCALE,
  resolveLocale,
  isLanguageChoice,
  type Locale,
  type LanguageChoice,
} from '../../shared/i18n';
export type { LanguageSetting } from './language-setting';
export { pluralForm, formatNumber, tCount, formatDateTime } from './intl';
export { tNodes } from './t-nodes';
