import { useEffect, useId, useState } from 'preact/hooks';
import { THEMES, type SendMessage, type Theme } from '../../messaging';
import { errorMessage } from '../errors';
import { type MessageKey, t } from '../i18n';
import { showTheme } from '../theme';
import { SelectField } from './choice-fields';
import { ErrorAlert } from './field';

/** Props of {@link ThemeSection}. */
export interface ThemeSectionProps {
  send: SendMessage;
  /** 3 inside the popup's Settings page, 2 on the options page. */
  headingLevel?: 2 | 3;
}

const CHOICE_LABELS: Record<Theme, MessageKey> = {
  system: 'themeSystem',
  light: 'themeLight',
  dark: 'themeDark',
};

/** "Appearance": the theme, system, light or dark. Applies and saves at once, so it is seen as chosen. */
export function ThemeSection({ send, headingLevel = 3 }: ThemeSectionProps) {
  const [theme, setTheme] = useState<Theme>();
  const [error, setError] = useState<string>();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    let current = true;
    send('getSettings', {}).then(
      (settings) => current && setTheme(settings.theme),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [send]);

  const choose = async (next: Theme) => {
    const before = theme;
    setTheme(next);
    setError(undefined);
    showTheme(next);
    try {
      showTheme((await send('updateSettings', { theme: next })).theme);
    } catch (failure) {
      // Not saved: back to what is stored, so the page never shows a theme that will not last.
      setTheme(before);
      if (before) showTheme(before);
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="card" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('themeHeading')}</Heading>
      <ErrorAlert message={error} />
      {theme && (
        <SelectField<Theme>
          label={t('themeLabel')}
          value={theme}
          options={THEMES.map((value) => ({ value, label: t(CHOICE_LABELS[value]) }))}
          onValue={(next) => void choose(next)}
        />
      )}
    </section>
  );
}
