import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { BackupStatus, SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, PassphraseField } from '../components/field';
import { errorMessage, guardLocked } from '../errors';
import { formatDateTime, t, tCount } from '../i18n';
import { BACKUP_SECTION_ID } from './backup-anchor';
import { ExportPanel } from './export-panel';
import type { SaveFile } from './file-data';
import { ImportPanel } from './import-panel';

/** Props of {@link BackupSection}. */
export interface BackupSectionProps {
  send: SendMessage;
  announce(message: string): void;
  saveFile: SaveFile;
}

/** "Last backup: 3 December 2026 · 2 accounts added since". */
function describeStatus(status: BackupStatus): string {
  if (status.accounts === 0) return t('accountsNone');
  if (status.lastBackupAt === null) return t('backupNever');
  const when = formatDateTime(status.lastBackupAt);
  if (status.addedSince === 0) return t('backupComplete', when);
  return tCount(status.addedSince, 'backupLastAddedOne', 'backupLastAddedOther', when);
}

/**
 * "Backup & import": back up, export and import, which all need the open vault. While it is
 * locked the section asks for the passphrase itself, so the popup's one click lands here ready.
 */
export function BackupSection({ send, announce, saveFile }: BackupSectionProps) {
  const [vault, setVault] = useState<VaultState>();
  const [status, setStatus] = useState<BackupStatus>();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const passphraseRef = useRef<HTMLInputElement>(null);

  const guarded = useMemo(
    () =>
      guardLocked(send, () => setVault((current) => current && { ...current, unlocked: false })),
    [send],
  );

  const refresh = useCallback(async () => {
    try {
      const state = await send('getVaultState', {});
      setVault(state);
      if (state.unlocked) setStatus(await guarded('backupStatus', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [send, guarded]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const unlock = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await send('unlockVault', { passphrase });
      setPassphrase('');
      await refresh();
    } catch (failure) {
      setError(errorMessage(failure));
      passphraseRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const afterChange = (message: string) => {
    announce(message);
    void refresh();
  };

  let body;
  if (!vault) {
    body = !error && <p class="muted">{t('appLoading')}</p>;
  } else if (!vault.exists) {
    body = <p class="muted">{t('backupCreateFirst')}</p>;
  } else if (!vault.unlocked) {
    body = (
      <form onSubmit={unlock} noValidate aria-busy={busy}>
        <p class="muted">{t('backupUnlockFirst')}</p>
        <PassphraseField
          label={t('fieldPassphrase')}
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('unlockButton')}
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <>
        {status && <p class="backup-status">{describeStatus(status)}</p>}
        <ExportPanel send={guarded} announce={afterChange} saveFile={saveFile} />
        <ImportPanel send={guarded} announce={afterChange} />
      </>
    );
  }

  return (
    <section class="card" id={BACKUP_SECTION_ID} aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>{t('backupHeading')}</h2>
      {body}
      <ErrorAlert message={error} />
    </section>
  );
}
