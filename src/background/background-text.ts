import { toErrorInfo } from '../shared';
import {
  DEFAULT_LOCALE,
  LANGUAGE_SETTING_KEY,
  formatMessage,
  isLanguageChoice,
  localizeErrorWith,
  resolveLocale,
  type Catalogue,
  type Locale,
  type MessageKey,
} from '../shared/i18n';
import type { LocalArea } from './settings';

/** Dependencies of {@link createBackgroundText}. */
export interface BackgroundTextDeps {
  /** Where the options page keeps the Language setting. */
  local: LocalArea;
  /** The language the browser picked for Keyfob (see browserLanguage), for "browser". */
  browserLanguage: () => string;
  /** The extension's own `_locales/<locale>/messages.json`. */
  loadCatalogue: (locale: Locale) => Promise<Catalogue>;
}

/**
 * What the background says to the person (badge titles, the context-menu item, setup notices)
 * in the language of Keyfob's Language setting, from the same catalogue the pages read.
 * Synchronous once loaded, so texts can be made anywhere; load again when the setting changes.
 */
export interface BackgroundText {
  /** Reads the Language setting and loads its catalogue. Keeps the last one if that fails. */
  load(): Promise<void>;
  locale(): Locale;
  /** Message `key` with `$1`… filled; the key itself if the catalogue lacks it. */
  t(key: MessageKey, ...substitutions: (string | number)[]): string;
  /** A KeyfobError's message, translated by its code as the pages translate it. */
  error(error: unknown): string;
}

/** The background's texts (see {@link BackgroundText}). */
export function createBackgroundText(deps: BackgroundTextDeps): BackgroundText {
  let locale: Locale = DEFAULT_LOCALE;
  let catalogue: Catalogue = {};

  async function load(): Promise<void> {
    try {
      const stored = (await deps.local.get(LANGUAGE_SETTING_KEY))[LANGUAGE_SETTING_KEY];
      const choice = isLanguageChoice(stored) ? stored : 'browser';
      const next = resolveLocale(choice, deps.browserLanguage());
      const chosen = await deps.loadCatalogue(next);
      [locale, catalogue] = [next, chosen];
    } catch {
      // A setting or catalogue that cannot be read leaves the language as it was.
    }
  }

  const t = (key: string, ...substitutions: (string | number)[]): string => {
    const entry = catalogue[key];
    return entry ? formatMessage(entry, substitutions.map(String)) : key;
  };

  return {
    load,
    locale: () => locale,
    t,
    error(error) {
      const { code, message } = toErrorInfo(error);
      return locale === DEFAULT_LOCALE ? message : localizeErrorWith(code, message, t);
    },
  };
}
