import { useId, useRef, useState } from 'preact/hooks';
import type { ExportFormat, SendMessage } from '../../messaging';
import { SelectField } from '../components/choice-fields';
import { ErrorAlert, PassphraseField, TextField } from '../components/field';
import { ProgressBar } from '../components/progress-bar';
import { errorMessage } from '../errors';
import { useTaskProgress } from '../hooks/use-task-progress';
import { type MessageKey, t, tCount } from '../i18n';
import type { SaveFile } from './file-data';

/** Props of {@link ExportPanel}. */
export interface ExportPanelProps {
  send: SendMessage;
  announce(message: string): void;
  saveFile: SaveFile;
}

const FORMATS: readonly { value: ExportFormat; label: MessageKey }[] = [
  { value: 'keyfob', label: 'exportFormatKeyfob' },
  { value: 'aegis', label: 'exportFormatAegis' },
  { value: 'otpauth', label: 'exportFormatOtpauth' },
];

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
  const busyText = encrypted ? t('exportEncrypting') : t('exportWriting');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError(t('exportEnterPassphrase'));
      passphraseRef.current?.focus();
      return;
    }
    if (encrypted && password !== confirmation) {
      setError(t('exportPasswordMismatch'));
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
      announce(tCount(file.count, 'exportSavedOne', 'exportSavedOther', file.fileName));
    } catch (failure) {
      setError(errorMessage(failure));
      passphraseRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby={headingId} aria-busy={busy}>
      <h3 id={headingId}>{t('exportHeading')}</h3>
      <form onSubmit={submit} noValidate>
        <SelectField<ExportFormat>
          label={t('exportFormat')}
          value={format}
          options={FORMATS.map(({ value, label }) => ({ value, label: t(label) }))}
          onValue={setFormat}
        />
        {encrypted ? (
          <p class="muted">{t('exportEncryptedNote')}</p>
        ) : (
          <p class="notice" role="note">
            {t('exportPlainWarning')}
          </p>
        )}
        <PassphraseField
          label={t('fieldVaultPassphrase')}
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
        />
        {encrypted && (
          <>
            <TextField
              label={t('exportPassword')}
              type="password"
              value={password}
              onValue={setPassword}
              autoComplete="new-password"
              hint={t('exportPasswordHint')}
            />
            {password && (
              <TextField
                label={t('exportConfirmPassword')}
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
            {format === 'keyfob' ? t('exportSaveBackup') : t('exportButton')}
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
