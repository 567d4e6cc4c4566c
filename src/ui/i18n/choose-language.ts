import {
  browserLanguage,
  LANGUAGE_SETTING_KEY,
  isLanguageChoice,
  resolveLocale,
  type BrowserI18n,
  type Catalogue,
  type LanguageChoice,
  type Locale,
} from '../../shared/i18n';

/** The language a page shows, and where its strings come from. */
export interface ChosenLanguage {
  readonly locale: Locale;
  /**
   * The catalogue to read, or none when the language is the one the browser picks for Keyfob
   * anyway: its own `i18n.getMessage` then reads that catalogue, and the page fetches nothing.
   */
  readonly catalogue?: Catalogue;
}

/** A {@link ChosenLanguage}, and whether it came from the page's copy of the setting. */
export type StartingLanguage = ChosenLanguage & { fromCopy: boolean };

/** The few browser calls choosing a language makes, so that a test can stand in for them. */
export interface LanguageApi {
  runtime: { getURL(path: string): string };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  i18n: BrowserI18n;
}

/**
 * The page-side copy of the Language setting in `localStorage`, read synchronously as a page
 * starts (as the theme's is): the setting itself stays in `storage.local`, where the background
 * reads it too. A choice of language, nothing secret.
 */
const COPY_KEY = 'keyfob.language';

function readCopy(copy: Storage | undefined): LanguageChoice | undefined {
  try {
    const value = copy?.getItem(COPY_KEY);
    return isLanguageChoice(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the copy in step with the setting; a copy that cannot be written is only slower. */
export function writeLanguageCopy(copy: Storage | undefined, choice: LanguageChoice): void {
  try {
    copy?.setItem(COPY_KEY, choice);
  } catch {
    // Storage full or refused: the next page reads the setting itself.
  }
}

/** The Language setting as stored ("browser" when unset or unreadable), and its copy refreshed. */
export async function readLanguageSetting(
  api: LanguageApi,
  copy: Storage | undefined,
): Promise<LanguageChoice> {
  const stored = (await api.storage.local.get(LANGUAGE_SETTING_KEY))[LANGUAGE_SETTING_KEY];
  const choice = isLanguageChoice(stored) ? stored : 'browser';
  writeLanguageCopy(copy, choice);
  return choice;
}

/** Stores the Language setting, and its copy for the next page. */
export async function saveLanguageSetting(
  api: LanguageApi,
  copy: Storage | undefined,
  choice: LanguageChoice,
): Promise<void> {
  await api.storage.local.set({ [LANGUAGE_SETTING_KEY]: choice });
  writeLanguageCopy(copy, choice);
}

/**
 * The language to show: the copy of the setting when there is one (no wait), else the setting.
 * `fromCopy` says which, so the page can check the copy against the setting once it shows.
 * Never fails: a setting that cannot be read, or a catalogue that cannot be fetched, gives the
 * browser's own language.
 */
export async function chooseLanguage(
  api: LanguageApi,
  copy: Storage | undefined,
  load: (url: string) => Promise<unknown> = async (url) => (await fetch(url)).json(),
): Promise<StartingLanguage> {
  const copied = readCopy(copy);
  const choice =
    copied ?? (await readLanguageSetting(api, copy).catch((): LanguageChoice => 'browser'));
  const ui = browserLanguage(api.i18n);
  const locale = resolveLocale(choice, ui);
  const own = resolveLocale('browser', ui);
  const fromCopy = copied !== undefined;
  if (locale === own) return { locale, fromCopy };
  const url = api.runtime.getURL(`/_locales/${locale}/messages.json`);
  try {
    return { locale, catalogue: (await load(url)) as Catalogue, fromCopy };
  } catch {
    // A page in the browser's language is better than none: every page waits for a language.
    return { locale: own, fromCopy: false };
  }
}

/**
 * After a page started from the copy: true when the setting asks for another language than
 * `shown` (it was changed where the copy could not follow) and the copy could be corrected.
 */
export async function copyWasStale(
  api: LanguageApi,
  copy: Storage | undefined,
  shown: Locale,
): Promise<boolean> {
  const choice = await readLanguageSetting(api, copy);
  // Only a copy that now says the setting is worth a reload: one that could not be corrected
  // would start the page in the same wrong language again, and again.
  return resolveLocale(choice, browserLanguage(api.i18n)) !== shown && readCopy(copy) === choice;
}
