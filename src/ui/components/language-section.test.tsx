// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { LanguageChoice, LanguageSetting } from '../i18n';
import { LanguageSection } from './language-section';

function memorySetting(initial: LanguageChoice): LanguageSetting & { stored: LanguageChoice } {
  return {
    stored: initial,
    async get() {
      return this.stored;
    },
    async set(choice) {
      this.stored = choice;
    },
  };
}

describe('LanguageSection', () => {
  it('offers the browser’s language, English and Deutsch, showing the stored choice', async () => {
    render(<LanguageSection setting={memorySetting('de')} onChanged={() => {}} />);
    const select = await screen.findByLabelText<HTMLSelectElement>('Language of Keyfob');
    expect(select.value).toBe('de');
    expect([...select.options].map((option) => option.text)).toEqual([
      'Browser default',
      'English',
      'Deutsch',
    ]);
  });

  it('stores a new choice, then has the page shown again in it', async () => {
    const setting = memorySetting('browser');
    const onChanged = vi.fn();
    render(<LanguageSection setting={setting} onChanged={onChanged} />);
    const select = await screen.findByLabelText<HTMLSelectElement>('Language of Keyfob');
    select.value = 'de';
    fireEvent.change(select);
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(setting.stored).toBe('de');
  });

  it('says why a choice could not be stored, and shows the stored one again', async () => {
    const setting = memorySetting('en');
    setting.set = async () => {
      throw new Error('storage is full');
    };
    const onChanged = vi.fn();
    render(<LanguageSection setting={setting} onChanged={onChanged} />);
    const select = await screen.findByLabelText<HTMLSelectElement>('Language of Keyfob');
    select.value = 'de';
    fireEvent.change(select);
    await screen.findByRole('alert');
    expect(select.value).toBe('en');
    expect(onChanged).not.toHaveBeenCalled();
  });
});
