import type { BackupStatus } from '../../messaging';
import { t, tCount } from '../i18n';

/** Props of {@link BackupReminder}. */
export interface BackupReminderProps {
  status?: BackupStatus | undefined;
  /** Opens "Backup & import"; without it there is no reminder, as there is nowhere to go. */
  onBackup?: (() => void) | undefined;
}

/** The reminder's text, or null when the last backup has every account. */
export function reminderText(status: BackupStatus): string | null {
  if (status.accounts === 0) return null;
  if (status.lastBackupAt === null) {
    return t('backupNeverReminder');
  }
  if (status.addedSince === 0) return null;
  return tCount(status.addedSince, 'backupAddedOne', 'backupAddedOther');
}

/**
 * "You have never backed up" or "3 accounts were added since your last backup", with one
 * click to back up. Nothing when the last backup is complete.
 */
export function BackupReminder({ status, onBackup }: BackupReminderProps) {
  const text = status && reminderText(status);
  if (!text || !onBackup) return null;
  return (
    <div class="notice backup-reminder">
      <p>{text}</p>
      <button type="button" onClick={onBackup}>
        {t('backupNow')}
      </button>
    </div>
  );
}
