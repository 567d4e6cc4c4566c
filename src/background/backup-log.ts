import type { LocalArea } from './settings';

const KEY = 'backup';

/**
 * When the last Keyfob backup was made, in `storage.local`: a time only, nothing secret, so
 * the popup can remind the person to back up.
 */
export function createBackupLog(area: LocalArea) {
  return {
    /** The last backup time (ms since the epoch), or null when never backed up. */
    async lastBackupAt(): Promise<number | null> {
      const stored = (await area.get(KEY))[KEY] as { lastBackupAt?: unknown } | undefined;
      const at = stored?.lastBackupAt;
      return typeof at === 'number' && Number.isFinite(at) ? at : null;
    },
    /** Records a backup made at `at`. */
    async record(at: number): Promise<void> {
      await area.set({ [KEY]: { lastBackupAt: at } });
    },
  };
}

/** The backup log's interface. */
export type BackupLog = ReturnType<typeof createBackupLog>;
