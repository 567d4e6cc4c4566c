import { useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { errorMessage } from '../errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';

/** Props of {@link CreateVaultPage}. */
export interface CreateVaultPageProps {
  send: SendMessage;
  onCreated(state: VaultState): void;
}

/** First run: choose the passphrase that encrypts the vault. */
export function CreateVaultPage({ send, onCreated }: CreateVaultPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  useFocusOnMount(passphraseRef);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    // Only the checks a person would expect instantly; the background judges strength.
    if (!passphrase) {
      setError('Choose a passphrase.');
      passphraseRef.current?.focus();
      return;
    }
    if (passphrase !== confirmation) {
      setError('The two passphrases do not match.');
      setConfirmation('');
      confirmationRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await send('createVault', { passphrase, confirmation }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
      passphraseRef.current?.focus();
    }
  };

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
