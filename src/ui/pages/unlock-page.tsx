import { useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { errorMessage } from '../errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';

/** Props of {@link UnlockPage}. */
export interface UnlockPageProps {
  send: SendMessage;
  /** Why the popup came here mid-session (the vault locked itself), if it did. */
  notice?: string;
  onUnlocked(state: VaultState): void;
}

/** The locked vault: one passphrase field. */
export function UnlockPage({ send, notice, onUnlocked }: UnlockPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  useFocusOnMount(passphraseRef);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError('Enter your passphrase.');
      passphraseRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onUnlocked(await send('unlockVault', { passphrase }));
    } catch (failure) {
      setError(errorMessage(failure));
      // A wrong passphrase is retyped from scratch, not edited: clear it and stay in the field.
      setPassphrase('');
      setBusy(false);
      passphraseRef.current?.focus();
    }
  };

  return (
    <main class="page page-auth">
      <h1>Keyfob is locked</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          label="Passphrase"
          type="password"
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
          autoComplete="current-password"
          required
        />
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary">
            Unlock
          </button>
        </div>
        <p class="muted" aria-live="polite">
          {busy ? 'Unlocking…' : ''}
        </p>
      </form>
    </main>
  );
}
