import { pageBrowser } from '../page-browser';
import type { LanguageSetting } from './language-setting';
import {
  chooseLanguage,
  copyWasStale,
  readLanguageSetting,
  saveLanguageSetting,
  type LanguageApi,
  type StartingLanguage,
} from './choose-language';
import { setCatalogue, setMessages, type MessageLookup } from './t';

const api = () => pageBrowser() as unknown as LanguageApi;
const copy = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/**
 * Picks the language from the Language setting and makes it the one {@link t} reads. When it
 * is the browser's own choice for Keyfob, `i18n.getMessage` reads it; otherwise that language's
 * `_locales/<locale>/messages.json` is fetched, so a page carries no language it does not
 * show. Entry points await it before the first render; the popup passes the choice its early
 * script already made (src/ui/early-start.ts). A page that started from a stale copy of the
 * setting loads again, in the right language.
 */
export async function loadLanguage(early?: Promise<StartingLanguage>): Promise<void> {
  const chooseNow = () => chooseLanguage(api(), copy());
  // An early choice that failed is made once more, as a page without it would.
  const chosen = await (early ? early.catch(chooseNow) : chooseNow());
  if (chosen.catalogue) setCatalogue(chosen.locale, chosen.catalogue);
  else setMessages(chosen.locale, nativeMessages());
  // Screen readers pick their voice by it; the HTML says "en" until now.
  document.documentElement.lang = chosen.locale;
  if (chosen.fromCopy) {
    void copyWasStale(api(), copy(), chosen.locale).then(
      (stale) => stale && location.reload(),
      () => undefined, // the copy stays; the next page checks again
    );
  }
}

/** Texts kept per page: the most a page asks for in its life is a few thousand. */
const MAX_REMEMBERED = 5000;

/**
 * The browser's own `i18n.getMessage`, each text remembered once asked for: a call crosses into
 * the browser's bindings (about 1 ms of a period boundary's tick at 1,000 accounts, profiled),
 * and the popup draws the same labels on every row at each boundary.
 */
function nativeMessages(): MessageLookup {
  const { i18n } = pageBrowser();
  const remembered = new Map<string, string | undefined>();
  return (key, substitutions) => {
    const id = substitutions.length ? `${key}\u0000${substitutions.join('\u0000')}` : key;
    if (remembered.has(id)) return remembered.get(id);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    const text = i18n.getMessage(key as never, substitutions) || undefined;
    remembered.set(id, text);
    return text;
  };
}

/** The Language setting in `storage.local`; a change shows once the page loads again. */
export const browserLanguageSetting: LanguageSetting = {
  get: () => readLanguageSetting(api(), copy()),
  set: (choice) => saveLanguageSetting(api(), copy(), choice),
};
