/** The languages Keyfob ships a complete catalogue for (public/_locales/<locale>). */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** The person's Language setting: the browser's language, or one chosen outright. */
export type LanguageChoice = 'browser' | Locale;
export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['browser', ...LOCALES];

/**
 * The `storage.local` key of the Language setting: the options page writes it, the pages and
 * the background read it. A choice of language, nothing secret.
 */
export const LANGUAGE_SETTING_KEY = 'uiLanguage';

/** The catalogue Keyfob falls back to, as the manifest's `default_locale`. */
export const DEFAULT_LOCALE: Locale = 'en';

export const isLanguageChoice = (value: unknown): value is LanguageChoice =>
  typeof value === 'string' && (LANGUAGE_CHOICES as readonly string[]).includes(value);

/**
 * The catalogue to show: the chosen language, or for "browser" the browser's UI language
 * ("de-AT" reads German) when Keyfob has it, else English.
 */
export function resolveLocale(choice: LanguageChoice, browserLanguage: string): Locale {
  if (choice !== 'browser') return choice;
  const primary = browserLanguage.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === primary) ?? DEFAULT_LOCALE;
}

/** The browser's own i18n calls that tell which of Keyfob's catalogues it picked. */
export interface BrowserI18n {
  getMessage(name: string): string;
  getUILanguage(): string;
}

/**
 * The language the browser picked for Keyfob, for {@link resolveLocale}'s "browser": read from
 * the catalogue the browser serves (its `catalogueLocale` names itself), because that is what
 * `i18n.getMessage` shows. It can differ from the UI language: Firefox walks the person's whole
 * list of requested languages (French first, then German, reads German). The UI language when
 * the catalogue does not say.
 */
export function browserLanguage(i18n: BrowserI18n): string {
  let picked = '';
  try {
    picked = i18n.getMessage('catalogueLocale');
  } catch {
    // No catalogue to read (a test's stand-in): the UI language decides.
  }
  return (LOCALES as readonly string[]).includes(picked) ? picked : i18n.getUILanguage();
}
