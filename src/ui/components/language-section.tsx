import { type LanguageChoice, type LanguageSetting, type MessageKey, t } from '../i18n';
import { ChoiceSection } from './choice-section';

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
export function LanguageSection({ setting, onChanged, headingLevel }: LanguageSectionProps) {
  return (
    <ChoiceSection<LanguageChoice>
      heading={t('languageHeading')}
      label={t('languageLabel')}
      choices={CHOICE_LABELS}
      load={() => setting.get()}
      save={async (next) => {
        await setting.set(next);
        onChanged();
      }}
      headingLevel={headingLevel}
    />
  );
}
