import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { nextEnrollmentStep } from '../cognito/protocol';
import { COGNITO_ERROR_CATALOGUE, UNKNOWN_ERROR_ENTRY } from '../cognito/protocol/error-catalogue';
import { KeyfobError } from '../shared';
import { formatMessage } from '../shared/i18n';
import { VaultError } from '../vault';
import { loadShippedCatalogue } from '../../test/support/catalogues';
import { createBackgroundText } from './background-text';
import { REFUSED_ONCE, TOO_MANY, TOO_MANY_HERE } from './enrollment';

/** Every sentence the background puts in a setup notice, in English. */
const NOTICES = [
  REFUSED_ONCE,
  TOO_MANY_HERE,
  TOO_MANY,
  UNKNOWN_ERROR_ENTRY.explanation,
  ...[...COGNITO_ERROR_CATALOGUE.values()].map((entry) => entry.explanation),
  nextEnrollmentStep({ kind: 'status', status: 'SUCCESS', attempt: 1 }).explanation,
  nextEnrollmentStep({ kind: 'error', errorName: 'CodeMismatchException', attempt: 2 }).explanation,
];

beforeEach(() => fakeBrowser.reset());

async function textIn(choice: string | undefined, uiLanguage = 'en-US') {
  if (choice) await fakeBrowser.storage.local.set({ uiLanguage: choice });
  else await fakeBrowser.storage.local.remove('uiLanguage');
  const text = createBackgroundText({
    local: fakeBrowser.storage.local,
    uiLanguage: () => uiLanguage,
    loadCatalogue: loadShippedCatalogue,
  });
  await text.load();
  return text;
}

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
      uiLanguage: () => 'en',
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

  it('has every setup notice in English and German', async () => {
    const english = await textIn('en');
    const german = await textIn('de');
    const germanCatalogue: Record<string, { message: string }> = de;
    const germanSentences = new Set(Object.values(germanCatalogue).map((entry) => entry.message));
    for (const sentence of NOTICES) {
      expect(english.sentence(sentence)).toBe(sentence);
      const translated = german.sentence(sentence);
      expect(translated, sentence).not.toBe(sentence);
      expect(germanSentences.has(translated), sentence).toBe(true);
    }
    // A sentence the catalogue does not have stays as it is.
    expect(german.sentence('Something new.')).toBe('Something new.');
  });
});
