import { useId, useRef, useState } from 'preact/hooks';
import type { ExportFormat, SendMessage } from '../../messaging';
import { ErrorAlert, PassphraseField, SelectField, TextField } from '../components/field';
import { ProgressBar } from '../components/progress-bar';
import { errorMessage } from '../errors';
import { useTaskProgress } from '../hooks/use-task-progress';
import type { SaveFile } from './file-data';

/** Props of {@link ExportPanel}. */
export interface ExportPanelProps {
  send: SendMessage;
  announce(message: string): void;
  saveFile: SaveFile;
}

const FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'keyfob', label: 'Keyfob backup (encrypted, restores everything)' },
  { value: 'aegis', label: 'Aegis (encrypted, for phone apps that read Aegis files)' },
  { value: 'otpauth', label: 'Plain otpauth:// list (not encrypted)' },
];

/** What a plain export exposes, in plain words (the same sentence wherever a secret shows). */
export const PLAIN_FILE_WARNING =
  'This file contains every secret in the clear; anyone who gets it can generate your codes. Keep it off shared drives and email, and delete it once you have moved your accounts.';

/**
 * Backup and export: every account to one file, in Keyfob's own encrypted backup format (the
 * default), Aegis's encrypted format, or a plain otpauth list. Each export asks for the vault
 * passphrase again; encrypted files use it as their password unless the person picks another.
 */
export function ExportPanel({ send, announce, saveFile }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('keyfob');
  const [passphrase, setPassphrase] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const passphraseRef = useRef<HTMLInputElement>(null);
  const progress = useTaskProgress(send);
  const headingId = useId();
  const encrypted = format !== 'otpauth';
  const busyText = encrypted
    ? 'Encrypting your accounts… this can take a few seconds.'
    : 'Writing the file…';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError('Enter your vault passphrase.');
      passphraseRef.current?.focus();
      return;
    }
    if (encrypted && password !== confirmation) {
      setError('The backup password and its confirmation do not match.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const file = await progress.track((taskId) =>
        send('exportAccounts', {
          format,
          passphrase,
          taskId,
          ...(encrypted && password ? { password } : {}),
        }),
      );
      saveFile(file);
      setPassphrase('');
      setPassword('');
      setConfirmation('');
      announce(
        `Saved ${file.fileName} with ${file.count === 1 ? '1 account' : `${file.count} accounts`}.`,
      );
    } catch (failure) {
      setError(errorMessage(failure));
      passphraseRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby={headingId} aria-busy={busy}>
      <h3 id={headingId}>Back up or export</h3>
      <form onSubmit={submit} noValidate>
        <SelectField<ExportFormat>
          label="Format"
          value={format}
          options={FORMATS}
          onValue={setFormat}
        />
        {encrypted ? (
          <p class="muted">
            The file is encrypted. Keep its password: without it, nobody can open the file, not even
            Keyfob.
          </p>
        ) : (
          <p class="notice" role="note">
            {PLAIN_FILE_WARNING}
          </p>
        )}
        <PassphraseField
          label="Vault passphrase"
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
        />
        {encrypted && (
          <>
            <TextField
              label="Backup password (optional)"
              type="password"
              value={password}
              onValue={setPassword}
              autoComplete="new-password"
              hint="Leave empty to encrypt the file with your vault passphrase."
            />
            {password && (
              <TextField
                label="Confirm backup password"
                type="password"
                value={confirmation}
                onValue={setConfirmation}
                autoComplete="new-password"
              />
            )}
          </>
        )}
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {format === 'keyfob' ? 'Save backup' : 'Export'}
          </button>
        </div>
        {busy && (
          <p class="busy" role="status">
            {busyText}
          </p>
        )}
        {busy && progress.fraction !== undefined && (
          <ProgressBar label={busyText} fraction={progress.fraction} />
        )}
      </form>
    </section>
  );
}
