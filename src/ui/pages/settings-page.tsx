import { useEffect, useRef, useState } from 'preact/hooks';
import type { SendMessage } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { errorCode, errorMessage } from '../errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';

/** Props of {@link SettingsPage}. */
export interface SettingsPageProps {
  send: SendMessage;
  /** Puts a short confirmation in the popup's status region. */
  announce(message: string): void;
  onBack(): void;
}

/** Auto-lock delay and passphrase change. */
export function SettingsPage({ send, announce, onBack }: SettingsPageProps) {
  const backRef = useRef<HTMLButtonElement>(null);
  useFocusOnMount(backRef);

  return (
    <section class="page">
      <div class="page-title">
        <h2>Settings</h2>
        <button type="button" ref={backRef} onClick={onBack}>
          Back
        </button>
      </div>
      <AutoLockForm send={send} announce={announce} />
      <ChangePassphraseForm send={send} announce={announce} />
    </section>
  );
}

interface FormProps {
  send: SendMessage;
  announce(message: string): void;
}

function AutoLockForm({ send, announce }: FormProps) {
  const [minutes, setMinutes] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    send('getSettings', {}).then(
      (settings) => current && setMinutes(String(settings.autoLockMinutes)),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [send]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || minutes === undefined) return;
    const value = Number(minutes);
    if (minutes.trim() === '' || !Number.isInteger(value)) {
      setError('Enter a whole number of minutes.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await send('updateSettings', { autoLockMinutes: value });
      setMinutes(String(saved.autoLockMinutes));
      announce('Settings saved');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={save} noValidate aria-busy={busy}>
      <h3>Auto-lock</h3>
      {minutes === undefined && !error ? (
        <p class="muted">Loading…</p>
      ) : (
        <TextField
          label="Auto-lock after (minutes)"
          type="number"
          min={1}
          value={minutes ?? ''}
          onValue={setMinutes}
          hint="Keyfob locks itself after this many idle minutes."
        />
      )}
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
      </div>
    </form>
  );
}

function ChangePassphraseForm({ send, announce }: FormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!current || !next) {
      setError('Enter your current passphrase and a new one.');
      (current ? nextRef : currentRef).current?.focus();
      return;
    }
    if (next !== confirmation) {
      setError('The new passphrases do not match.');
      nextRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await send('changePassphrase', { current, next, confirmation });
      setCurrent('');
      setNext('');
      setConfirmation('');
      announce('Passphrase changed');
    } catch (failure) {
      setError(errorMessage(failure));
      // A wrong current passphrase is retyped; anything else concerns the new one.
      if (errorCode(failure) === 'wrong-passphrase') {
        setCurrent('');
        currentRef.current?.focus();
      } else {
        nextRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-busy={busy}>
      <h3>Change passphrase</h3>
      <TextField
        label="Current passphrase"
        type="password"
        value={current}
        onValue={setCurrent}
        inputRef={currentRef}
        autoComplete="current-password"
        required
      />
      <TextField
        label="New passphrase"
        type="password"
        value={next}
        onValue={setNext}
        inputRef={nextRef}
        autoComplete="new-password"
        required
      />
      <TextField
        label="Confirm new passphrase"
        type="password"
        value={confirmation}
        onValue={setConfirmation}
        autoComplete="new-password"
        required
      />
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          Change passphrase
        </button>
      </div>
    </form>
  );
}
