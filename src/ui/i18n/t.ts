import {
  DEFAULT_LOCALE,
  formatMessage,
  type Catalogue,
  type Locale,
  type MessageKey,
} from '../../shared/i18n';

export type { MessageKey };

/** A message's text with its substitutions filled, or undefined when there is no such message. */
export type MessageLookup = (key: string, substitutions: string[]) => string | undefined;

let active: { locale: Locale; lookup: MessageLookup } = {
  locale: DEFAULT_LOCALE,
  lookup: () => undefined,
};

/** Makes `catalogue` the one {@link t} reads; the entry points call it before the first render. */
export function setCatalogue(locale: Locale, catalogue: Catalogue): void {
  setMessages(locale, (key, substitutions) => {
    const entry = catalogue[key];
    return entry ? formatMessage(entry, substitutions) : undefined;
  });
}

/**
 * Makes `lookup` the source {@link t} reads: the browser's own `i18n.getMessage`, when the
 * language shown is the one the browser picks for Keyfob anyway (it holds that catalogue
 * already, so the page fetches none).
 */
export function setMessages(locale: Locale, lookup: MessageLookup): void {
  active = { locale, lookup };
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
  return active.lookup(key, substitutions.map(String)) ?? key;
}
