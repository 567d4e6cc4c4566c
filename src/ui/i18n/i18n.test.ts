import en from '../../../public/_locales/en/messages.json';
import de from '../../../public/_locales/de/messages.json';
import { browserLanguage, formatMessage, resolveLocale } from '../../shared/i18n';
import { formatNumber, pluralForm, tCount } from './intl';
import { activeLocale, setCatalogue, setMessages, t } from './t';
import { tNodes } from './t-nodes';

afterEach(() => setCatalogue('en', en));

describe('formatMessage, as browser.i18n.getMessage fills a message', () => {
  const entry = {
    message: 'Edit $NAME$ in $Where$ for $$5 ($1)',
    placeholders: { name: { content: '$1' }, where: { content: '$2' } },
  };

  it('fills named placeholders case-insensitively, $n and $$', () => {
    expect(formatMessage(entry, ['GitHub', 'Keyfob'])).toBe(
      'Edit GitHub in Keyfob for $5 (GitHub)',
    );
  });

  it('leaves a missing substitution empty and an unknown $name$ as written', () => {
    expect(formatMessage({ message: '$1 and $2 $odd$' }, ['a'])).toBe('a and  $odd$');
  });
});

describe('resolveLocale', () => {
  it('follows the browser for "browser": German for any German UI, else English', () => {
    expect(resolveLocale('browser', 'de')).toBe('de');
    expect(resolveLocale('browser', 'de-AT')).toBe('de');
    expect(resolveLocale('browser', 'en-GB')).toBe('en');
    expect(resolveLocale('browser', 'fr')).toBe('en');
    expect(resolveLocale('browser', '')).toBe('en');
  });

  it('keeps a language chosen outright, whatever the browser speaks', () => {
    expect(resolveLocale('de', 'en-US')).toBe('de');
    expect(resolveLocale('en', 'de-DE')).toBe('en');
  });
});

describe('browserLanguage', () => {
  const browser = (ui: string, picked: string | Error) => ({
    getUILanguage: () => ui,
    getMessage: (name: string) => {
      if (picked instanceof Error) throw picked;
      return name === 'catalogueLocale' ? picked : '';
    },
  });

  it('is the language of the catalogue the browser serves, whatever its UI speaks', () => {
    expect(browserLanguage(browser('fr-FR', 'de'))).toBe('de');
    expect(browserLanguage(browser('de-DE', 'en'))).toBe('en');
  });

  it('is the UI language when the catalogue does not say, or says something unknown', () => {
    expect(browserLanguage(browser('de-AT', ''))).toBe('de-AT');
    expect(browserLanguage(browser('de-AT', 'xx'))).toBe('de-AT');
    expect(browserLanguage(browser('de-AT', new Error('no catalogue')))).toBe('de-AT');
  });
});

describe('t', () => {
  it('reads the active catalogue', () => {
    expect(t('actionTryAgain')).toBe('Try again');
    setCatalogue('de', de);
    expect(t('actionTryAgain')).toBe('Erneut versuchen');
    expect(activeLocale()).toBe('de');
  });

  it("reads the browser's own messages when given them, with the substitutions as text", () => {
    const asked: [string, string[]][] = [];
    setMessages('de', (key, substitutions) => {
      asked.push([key, substitutions]);
      return key === 'actionTryAgain' ? 'Erneut versuchen' : undefined;
    });
    expect(t('actionTryAgain')).toBe('Erneut versuchen');
    expect(activeLocale()).toBe('de');
    // A message the browser does not have shows as its name, as with a catalogue.
    expect(t('appLoading', 3)).toBe('appLoading');
    expect(asked).toEqual([
      ['actionTryAgain', []],
      ['appLoading', ['3']],
    ]);
  });

  it('shows a name missing from the catalogue as the name, never blank', () => {
    setCatalogue('en', {});
    expect(t('actionTryAgain')).toBe('actionTryAgain');
  });

  it('formats numbers and picks plural forms for the active language', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(pluralForm(1)).toBe('one');
    setCatalogue('de', de);
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(pluralForm(2)).toBe('other');
    // Each language keeps its own formatters: back in English, English numbers again.
    setCatalogue('en', en);
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('picks the singular or plural message for a count, with the count formatted', () => {
    expect(tCount(1, 'backupAddedOne', 'backupAddedOther')).toBe(
      '1 account was added since your last backup.',
    );
    expect(tCount(1200, 'backupAddedOne', 'backupAddedOther')).toBe(
      '1,200 accounts were added since your last backup.',
    );
    setCatalogue('de', de);
    expect(tCount(1200, 'backupAddedOne', 'backupAddedOther')).toBe(
      'Seit Ihrer letzten Sicherung wurden 1.200 Konten hinzugefügt.',
    );
  });
});

describe('counts every second', () => {
  const { PluralRules, NumberFormat } = Intl;
  afterEach(() => Object.assign(Intl, { PluralRules, NumberFormat }));

  it('makes a language’s plural rules and number format once, not for every count', () => {
    tCount(1, 'countdownOne', 'countdownOther'); // English's formatters, made once here
    const made = { plurals: 0, numbers: 0 };
    Object.assign(Intl, {
      PluralRules: class extends PluralRules {
        constructor(...args: ConstructorParameters<typeof PluralRules>) {
          super(...args);
          made.plurals += 1;
        }
      },
      NumberFormat: class extends NumberFormat {
        constructor(...args: ConstructorParameters<typeof NumberFormat>) {
          super(...args);
          made.numbers += 1;
        }
      },
    });
    for (let left = 30; left > 0; left--) tCount(left, 'countdownOne', 'countdownOther');
    expect(made).toEqual({ plurals: 0, numbers: 0 });

    // Back and forth: each language has its own, made at most once (German's may exist).
    for (const [locale, catalogue] of [
      ['de', de],
      ['en', en],
      ['de', de],
    ] as const) {
      setCatalogue(locale, catalogue);
      tCount(2, 'countdownOne', 'countdownOther');
    }
    expect(tCount(1, 'countdownOne', 'countdownOther')).toBe('Noch 1 Sekunde');
    expect(tCount(1200, 'backupAddedOne', 'backupAddedOther')).toContain('1.200 Konten');
    expect(made.plurals).toBeLessThanOrEqual(1);
    expect(made.numbers).toBeLessThanOrEqual(1);
  });
});

describe('tNodes', () => {
  it('puts elements where the language puts their placeholders', () => {
    const strong = { type: 'strong' } as never;
    expect(tNodes('siteUseQuestion', 'Bob', strong).slice(0, 4)).toEqual([
      'Use ',
      'Bob',
      ' on ',
      strong,
    ]);
    setCatalogue('de', de);
    expect(tNodes('setupFinishedQuestion', strong, 'Bob')).toEqual([
      'Haben Sie die Einrichtung auf ',
      strong,
      ' abgeschlossen? (',
      'Bob',
      ')',
    ]);
  });
});
