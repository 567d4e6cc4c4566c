import { useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useSubmit } from '../hooks/use-submit';
import { t } from '../i18n';

/** Props of {@link CreateVaultPage}. */
export interface CreateVaultPageProps {
  send: SendMessage;
  onCreated(state: VaultState): void;
}

/** First run: choose the passphrase that encrypts the vault. */
export function CreateVaultPage({ send, onCreated }: CreateVaultPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { busy, error, onSubmit, refuse, run } = useSubmit();
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  useFocusOnMount(passphraseRef);

  const submit = onSubmit(async () => {
    // Only the checks a person would expect instantly; the background judges strength.
    if (!passphrase) return refuse(t('createChoosePassphrase'), passphraseRef);
    if (passphrase !== confirmation) {
      setConfirmation('');
      return refuse(t('createMismatch'), confirmationRef);
    }
    await run(
      async () => onCreated(await send('createVault', { passphrase, confirmation })),
      () => passphraseRef.current?.focus(),
    );
  });

  return (
    <main class="page page-auth">
      <h1>{t('createHeading')}</h1>
      <p>{t('createIntro')}</p>
      <p class="warning">
        <strong>{t('createWarningStrong')}</strong> {t('createWarning')}
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          label={t('fieldPassphrase')}
          type="password"
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
          autoComplete="new-password"
          required
        />
        <TextField
          label={t('fieldConfirmPassphrase')}
          type="password"
          value={confirmation}
          onValue={setConfirmation}
          inputRef={confirmationRef}
          autoComplete="new-password"
          required
        />
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('createButton')}
          </button>
        </div>
        <p class="muted" aria-live="polite">
          {busy ? t('createBusy') : ''}
        </p>
      </form>
    </main>
  );
}
