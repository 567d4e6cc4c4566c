import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { BackupStatus, SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, PassphraseField } from '../components/field';
import { errorMessage, guardLocked } from '../errors';
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
  if (status.accounts === 0) return 'No accounts yet.';
  if (status.lastBackupAt === null) return 'You have never backed up your accounts.';
  const when = new Date(status.lastBackupAt).toLocaleString();
  if (status.addedSince === 0) return `Last backup: ${when}. It has every account.`;
  const added = status.addedSince === 1 ? '1 account' : `${status.addedSince} accounts`;
  return `Last backup: ${when}. ${added} added since.`;
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
    body = !error && <p class="muted">Loading…</p>;
  } else if (!vault.exists) {
    body = (
      <p class="muted">
        Create your vault in Keyfob’s popup first (on a new computer too); then restore your backup
        here.
      </p>
    );
  } else if (!vault.unlocked) {
    body = (
      <form onSubmit={unlock} noValidate aria-busy={busy}>
        <p class="muted">Unlock Keyfob to back up, export or import accounts.</p>
        <PassphraseField
          label="Passphrase"
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Unlock
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
      <h2 id={headingId}>Backup &amp; import</h2>
      {body}
      <ErrorAlert message={error} />
    </section>
  );
}
