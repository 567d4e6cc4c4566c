import { useEffect, useId, useState } from 'preact/hooks';
import { type LanguageChoice, type LanguageSetting, type MessageKey, t } from '../i18n';
import { errorMessage } from '../errors';
import { ErrorAlert } from './field';

/** Props of {@link LanguageSection}. */
export interface LanguageSectionProps {
  setting: LanguageSetting;
  /** Shows the page in the new language (the extension loads the page again). */
  onChanged(): void;
  /** 3 inside the popup's Settings page, 2 on the options page. */
  headingLevel?: 2 | 3;
}

const CHOICE_LABELS: Record<LanguageChoice, MessageKey> = {
  browser: 'languageBrowser',
  en: 'languageEnglish',
  de: 'languageGerman',
};

/** "Language": the browser's language (the default), English or Deutsch; applies at once. */
export function LanguageSection({ setting, onChanged, headingLevel = 3 }: LanguageSectionProps) {
  const [choice, setChoice] = useState<LanguageChoice>();
  const [error, setError] = useState<string>();
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    let current = true;
    setting.get().then(
      (stored) => current && setChoice(stored),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [setting]);

  const change = async (next: LanguageChoice) => {
    setChoice(next);
    setError(undefined);
    try {
      await setting.set(next);
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('languageHeading')}</Heading>
      <ErrorAlert message={error} />
      {choice && (
        <div class="field">
          <label htmlFor={id}>{t('languageLabel')}</label>
          <select
            id={id}
            value={choice}
            onChange={(event) => void change(event.currentTarget.value as LanguageChoice)}
          >
            {(Object.keys(CHOICE_LABELS) as LanguageChoice[]).map((value) => (
              <option key={value} value={value}>
                {t(CHOICE_LABELS[value])}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
