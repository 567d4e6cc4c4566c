import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { nextEnrollmentStep } from '../cognito/protocol';
import { COGNITO_ERROR_CATALOGUE, UNKNOWN_ERROR_ENTRY } from '../cognito/protocol/error-catalogue';
import { KeyfobError } from '../shared';
import { formatMessage } from '../shared/i18n';
import { VaultError } from '../vault';
import { backgroundTextIn as textIn, loadShippedCatalogue } from '../../test/support/catalogues';
import { createBackgroundText } from './background-text';
import { REFUSED_ONCE, TOO_MANY, TOO_MANY_HERE } from './enrollment';

/** The name of every message the background sends a setup page or puts in a setup notice. */
const NOTICES = [
  REFUSED_ONCE,
  TOO_MANY_HERE,
  TOO_MANY,
  UNKNOWN_ERROR_ENTRY.messageKey,
  ...[...COGNITO_ERROR_CATALOGUE.values()].map((entry) => entry.messageKey),
  nextEnrollmentStep({ kind: 'status', status: 'SUCCESS', attempt: 1 }).messageKey,
  nextEnrollmentStep({ kind: 'error', errorName: 'CodeMismatchException', attempt: 2 }).messageKey,
];

beforeEach(() => fakeBrowser.reset());

describe('what the background says, in Keyfob’s language', () => {
  it('follows the Language setting, not the browser’s language', async () => {
    expect((await textIn('de', 'en-US')).t('menuFillCode')).toBe(de.menuFillCode.message);
    expect((await textIn('en', 'de-DE')).t('menuFillCode')).toBe(en.menuFillCode.message);
    // "Browser default", the setting's default, follows the browser.
    expect((await textIn(undefined, 'de-AT')).t('menuFillCode')).toBe(de.menuFillCode.message);
    expect((await textIn('browser', 'fr')).t('menuFillCode')).toBe(en.menuFillCode.message);
  });

  it('changes language when loaded again after the setting changed', async () => {
    const text = await textIn('en');
    expect(text.t('badgeUnlockToFill')).toBe(en.badgeUnlockToFill.message);
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    await text.load();
    expect(text.t('badgeUnlockToFill')).toBe(de.badgeUnlockToFill.message);
  });

  it('keeps its language when a catalogue will not load', async () => {
    await fakeBrowser.storage.local.set({ uiLanguage: 'en' });
    const text = createBackgroundText({
      local: fakeBrowser.storage.local,
      browserLanguage: () => 'en',
      loadCatalogue: async (locale) => {
        if (locale === 'de') throw new Error('not found');
        return loadShippedCatalogue(locale);
      },
    });
    await text.load();
    await fakeBrowser.storage.local.set({ uiLanguage: 'de' });
    await text.load();
    expect(text.locale()).toBe('en');
    expect(text.t('menuFillCode')).toBe(en.menuFillCode.message);
  });

  it('translates errors by code, their values carried over', async () => {
    const german = await textIn('de');
    expect(german.error(new VaultError('wrong-passphrase'))).toBe(de.errWrongPassphrase.message);
    const noAccount = new KeyfobError(
      'no-account',
      'No Keyfob account was set up on https://a.example.',
    );
    expect(german.error(noAccount)).toBe(formatMessage(de.errNoAccount, ['https://a.example']));
    expect((await textIn('en')).error(noAccount)).toBe(noAccount.message);
  });

  it('has every setup explanation and notice in English and German', async () => {
    const english = await textIn('en');
    const german = await textIn('de');
    const catalogues: Record<'en' | 'de', Record<string, { message: string }>> = { en, de };
    for (const key of NOTICES) {
      expect(Object.hasOwn(catalogues.en, key), key).toBe(true);
      expect(Object.hasOwn(catalogues.de, key), key).toBe(true);
      expect(english.t(key)).toBe(catalogues.en[key]!.message);
      expect(german.t(key)).toBe(catalogues.de[key]!.message);
      expect(german.t(key), key).not.toBe(english.t(key));
    }
  });
});
