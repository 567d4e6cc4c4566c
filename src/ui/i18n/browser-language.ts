import { browser } from 'wxt/browser';
import {
  LANGUAGE_SETTING_KEY as KEY,
  type Catalogue,
  type LanguageChoice,
  isLanguageChoice,
  resolveLocale,
} from '../../shared/i18n';
import type { LanguageSetting } from './language-setting';
import { setCatalogue } from './t';

async function readChoice(): Promise<LanguageChoice> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return isLanguageChoice(stored) ? stored : 'browser';
}

/**
 * Reads the Language setting and loads that catalogue for {@link t}. The catalogue is the
 * extension's own `_locales/<locale>/messages.json`, fetched rather than bundled, so a page
 * carries no language it does not show. Entry points await it before the first render.
 */
export async function loadLanguage(): Promise<void> {
  const locale = resolveLocale(await readChoice(), browser.i18n.getUILanguage());
  const url = browser.runtime.getURL(`/_locales/${locale}/messages.json` as '/');
  const catalogue = (await (await fetch(url)).json()) as Catalogue;
  setCatalogue(locale, catalogue);
  // Screen readers pick their voice by it; the HTML says "en" until now.
  document.documentElement.lang = locale;
}

/** The Language setting in `storage.local`; a change shows once the page loads again. */
export const browserLanguageSetting: LanguageSetting = {
  get: readChoice,
  async set(choice) {
    await browser.storage.local.set({ [KEY]: choice });
  },
};
