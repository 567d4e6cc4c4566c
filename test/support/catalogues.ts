import { fakeBrowser } from 'wxt/testing/fake-browser';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createBackgroundText } from '../../src/background/background-text';
import type { Catalogue, Locale } from '../../src/shared/i18n';

/** The catalogues as the extension ships them, for a background run in Node. */
export const loadShippedCatalogue = async (locale: Locale): Promise<Catalogue> =>
  locale === 'de' ? de : en;

/**
 * The background's texts, loaded for the Language setting `choice` (none: the setting's
 * default, "browser") in a browser whose UI speaks `uiLanguage`; the setting is stored in
 * fakeBrowser's local storage, as the options page stores it.
 */
export async function backgroundTextIn(choice: string | undefined, uiLanguage = 'en-US') {
  if (choice) await fakeBrowser.storage.local.set({ uiLanguage: choice });
  else await fakeBrowser.storage.local.remove('uiLanguage');
  const text = createBackgroundText({
    local: fakeBrowser.storage.local,
    browserLanguage: () => uiLanguage,
    loadCatalogue: loadShippedCatalogue,
  });
  await text.load();
  return text;
}
