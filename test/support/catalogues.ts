import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { Catalogue, Locale } from '../../src/shared/i18n';

/** The catalogues as the extension ships them, for a background run in Node. */
export const loadShippedCatalogue = async (locale: Locale): Promise<Catalogue> =>
  locale === 'de' ? de : en;
