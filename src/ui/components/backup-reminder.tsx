import type { BackupStatus } from '../../messaging';

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
    return 'You have never backed up your accounts. If this browser profile is lost, so are they.';
  }
  if (status.addedSince === 0) return null;
  return status.addedSince === 1
    ? '1 account was added since your last backup.'
    : `${status.addedSince} accounts were added since your last backup.`;
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
        Back up now
      </button>
    </div>
  );
}
