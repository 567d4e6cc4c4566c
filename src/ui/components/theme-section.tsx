import type { SendMessage, Theme } from '../../messaging';
import { type MessageKey, t } from '../i18n';
import { showTheme } from '../theme';
import { ChoiceSection } from './choice-section';

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

/** Counts theme choices on this page, so only the newest one's answer is applied. */
let latestChoice = 0;

/** "Appearance": the theme, system, light or dark. Applies and saves at once, so it is seen as chosen. */
export function ThemeSection({ send, headingLevel }: ThemeSectionProps) {
  return (
    <ChoiceSection<Theme>
      heading={t('themeHeading')}
      label={t('themeLabel')}
      choices={CHOICE_LABELS}
      load={async () => (await send('getSettings', {})).theme}
      save={async (next, before) => {
        const mine = ++latestChoice;
        showTheme(next);
        try {
          const saved = (await send('updateSettings', { theme: next })).theme;
          // A quicker second choice wins: an earlier choice's late answer must not undo it.
          if (mine === latestChoice) showTheme(saved);
        } catch (failure) {
          // Not saved: back to what is stored, so the page never shows a theme that will not last.
          if (mine === latestChoice) showTheme(before);
          throw failure;
        }
      }}
      headingLevel={headingLevel}
    />
  );
}
