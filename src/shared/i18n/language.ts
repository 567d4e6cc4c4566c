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
export function resolveLocale(choice: LanguageChoice, uiLanguage: string): Locale {
  if (choice !== 'browser') return choice;
  const primary = uiLanguage.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === primary) ?? DEFAULT_LOCALE;
}
