import { useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useSubmit } from '../hooks/use-submit';

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
    if (!passphrase) return refuse('Choose a passphrase.', passphraseRef);
    if (passphrase !== confirmation) {
      setConfirmation('');
      return refuse('The two passphrases do not match.', confirmationRef);
    }
    await run(
      async () => onCreated(await send('createVault', { passphrase, confirmation })),
      () => passphraseRef.current?.focus(),
    );
  });

  return (
    <main class="page page-auth">
      <h1>Create vault</h1>
      <p>
        Keyfob keeps your authenticator secrets encrypted on this device. Choose a passphrase to
        protect them.
      </p>
      <p class="warning">
        <strong>Keep it safe: the passphrase cannot be recovered.</strong> If you forget it, the
        accounts stored in Keyfob are lost.
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          label="Passphrase"
          type="password"
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
          autoComplete="new-password"
          required
        />
        <TextField
          label="Confirm passphrase"
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
            Create vault
          </button>
        </div>
        <p class="muted" aria-live="polite">
          {busy ? 'Creating the vault…' : ''}
        </p>
      </form>
    </main>
  );
}
