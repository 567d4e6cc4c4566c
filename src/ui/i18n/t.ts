import {
  DEFAULT_LOCALE,
  formatMessage,
  type Catalogue,
  type Locale,
  type MessageKey,
} from '../../shared/i18n';

export type { MessageKey };

let active: { locale: Locale; catalogue: Catalogue } = { locale: DEFAULT_LOCALE, catalogue: {} };

/** Makes `catalogue` the one {@link t} reads; the entry points call it before the first render. */
export function setCatalogue(locale: Locale, catalogue: Catalogue): void {
  active = { locale, catalogue };
}

/** The locale of the active catalogue, for `Intl` formatting (numbers, plurals, dates). */
export function activeLocale(): Locale {
  return active.locale;
}

/**
 * The text of message `key` in the active language, with `$1`… filled from `substitutions`.
 * A name missing from the catalogue shows as itself, so a gap is visible rather than blank.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const entry = active.catalogue[key];
  return entry ? formatMessage(entry, substitutions.map(String)) : key;
}
