import type { SendMessage } from '../../messaging';
import { LanguageSection } from '../components/language-section';
import { PreferencesForm } from '../components/preferences-form';
import { ThemeSection } from '../components/theme-section';
import { type LanguageSetting, t } from '../i18n';
import { useEffect } from 'preact/hooks';
import { useAnnouncer } from '../hooks/use-announcer';
import { BACKUP_SECTION_ID } from './backup-anchor';
import { AutoFillSection } from './auto-fill-section';
import { BackupSection } from './backup-section';
import { ClockSection } from './clock-section';
import { saveWithDownloadLink, type SaveFile } from './file-data';
import type { SiteGrants } from './site-grants';
import { SitesSection } from './sites-section';

/** Long enough to read "Keyfob can now help on … Reload its open tabs to start." */
const OPTIONS_ANNOUNCE_MS = 6000;

/** What the options page needs from the outside world; tests pass fakes. */
export interface OptionsAppProps {
  /** Typed requests to the background. */
  send: SendMessage;
  grants: SiteGrants;
  /** Hands an export to the person; a download link unless a test passes a fake. */
  saveFile?: SaveFile;
  /**
   * Asks for clipboard access (see `PreferencesForm`). Only here, not in the popup: a
   * permission prompt closes the popup under the person's hands.
   */
  requestClipboardAccess?: () => Promise<boolean>;
  /** The Language setting, and how the page shows a new choice; without it, no Language section. */
  language?: { setting: LanguageSetting; onChanged(): void };
}

/**
 * The options page: the one home of Keyfob's preferences (the popup links here), the clock offset, the sites
 * Keyfob may run on, and "Backup & import". Preferences and sites work while the vault is locked; backup asks
 * for the passphrase first.
 */
export function OptionsApp({
  send,
  grants,
  saveFile = saveWithDownloadLink,
  requestClipboardAccess,
  language,
}: OptionsAppProps) {
  const [status, announce] = useAnnouncer(OPTIONS_ANNOUNCE_MS);
  // The popup's "Backup & import" opens options.html#backup: bring the section into view.
  // The tab's title in the page's language (options.html names it in English).
  useEffect(() => {
    document.title = t('optionsHeading');
  }, []);
  useEffect(() => {
    if (location.hash !== `#${BACKUP_SECTION_ID}`) return;
    const section = document.getElementById(BACKUP_SECTION_ID);
    section?.scrollIntoView?.();
    section?.focus();
  }, []);
  return (
    <>
      <main class="options">
        <h1>{t('optionsHeading')}</h1>
        <BackupSection send={send} announce={announce} saveFile={saveFile} />
        <PreferencesForm
          send={send}
          announce={announce}
          requestClipboardAccess={requestClipboardAccess}
        />
        <ThemeSection send={send} headingLevel={2} />
        {language && (
          <LanguageSection
            setting={language.setting}
            onChanged={language.onChanged}
            headingLevel={2}
          />
        )}
        <AutoFillSection send={send} announce={announce} />
        <ClockSection send={send} announce={announce} />
        <SitesSection grants={grants} announce={announce} />
      </main>
      <p class="toast" role="status">
        {status}
      </p>
    </>
  );
}
