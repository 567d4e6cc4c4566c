import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { KeyfobError } from '../shared';
import { VaultError } from '../vault/errors';
import { ERROR_PATTERNS, localizeError } from './error-messages';
import { errorMessage } from './errors';
import { formatMessage, setCatalogue } from './i18n';

afterEach(() => setCatalogue('en', en));

describe('background errors in the chosen language', () => {
  it('shows the background’s own English text in English', () => {
    expect(errorMessage(new VaultError('wrong-passphrase'))).toBe(
      'That passphrase does not open the vault.',
    );
  });

  it('translates a known error, its values carried over', () => {
    setCatalogue('de', de);
    expect(errorMessage(new VaultError('wrong-passphrase'))).toBe(
      'Diese Passphrase öffnet den Tresor nicht.',
    );
    const throttled = new KeyfobError(
      'passphrase-throttled',
      'Too many wrong passphrases. Wait 16 s, then try again.',
    );
    expect(errorMessage(throttled)).toBe(
      'Zu viele falsche Passphrasen. Warten Sie 16 s und versuchen Sie es dann erneut.',
    );
    expect(errorMessage(new Error('anything'))).toBe(de.errorGeneric.message);
  });

  it('keeps a message it cannot translate rather than showing nothing', () => {
    setCatalogue('de', de);
    expect(localizeError('new-code', 'A brand-new failure.')).toBe('A brand-new failure.');
  });

  it('has English catalogue text that each rule’s pattern reads back to the same values', () => {
    for (const rule of ERROR_PATTERNS) {
      const entry = en[rule.key as keyof typeof en];
      const sample = formatMessage(entry, ['17', '256']);
      const found = rule.match.exec(sample);
      expect(found, rule.key).not.toBeNull();
      expect(formatMessage(entry, found!.slice(1)), rule.key).toBe(sample);
    }
  });
});
