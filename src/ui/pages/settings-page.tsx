import { t } from '../i18n';
import { useId, useRef, useState } from 'preact/hooks';
import type { SendMessage } from '../../messaging';
import { ErrorAlert, PassphraseField, TextField } from '../components/field';
import { errorCode, errorMessage } from '../errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useSubmit } from '../hooks/use-submit';

/** Props of {@link SettingsPage}. */
export interface SettingsPageProps {
  send: SendMessage;
  /** Puts a short confirmation in the popup's status region. */
  announce(message: string): void;
  onBack(): void;
  /** Opens the options page, where the preferences and allowed sites live; no button without it. */
  openOptions?: (() => Promise<void>) | undefined;
}

/**
 * What only the popup does (passphrase change), and the way to the preferences: they live in
 * the options page alone, so the two never show different copies.
 */
export function SettingsPage({ send, announce, onBack, openOptions }: SettingsPageProps) {
  const backRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string>();
  const hintId = useId();
  useFocusOnMount(backRef);

  const more = async () => {
    setError(undefined);
    try {
      await openOptions?.();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="page">
      <div class="page-title">
        <h2>{t('settingsHeading')}</h2>
        <button type="button" ref={backRef} onClick={onBack}>
          {t('actionBack')}
        </button>
      </div>
      {openOptions && (
        <div class="card">
          <h3>{t('settingsPrefsHeading')}</h3>
          <p class="muted" id={hintId}>
            {t('settingsPrefsHint')}
          </p>
          <ErrorAlert message={error} />
          <button type="button" class="primary" aria-describedby={hintId} onClick={more}>
            {t('settingsOpenPrefs')}
          </button>
        </div>
      )}
      <ChangePassphraseForm send={send} announce={announce} />
    </section>
  );
}

interface FormProps {
  send: SendMessage;
  announce(message: string): void;
}

function ChangePassphraseForm({ send, announce }: FormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { busy, error, onSubmit, refuse, run } = useSubmit();
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);

  const submit = onSubmit(async () => {
    if (!current || !next) {
      return refuse(t('passphraseEnterBoth'), current ? nextRef : currentRef);
    }
    if (next !== confirmation) return refuse(t('passphraseNewMismatch'), nextRef);
    await run(
      async () => {
        await send('changePassphrase', { current, next, confirmation });
        setCurrent('');
        setNext('');
        setConfirmation('');
        announce(t('passphraseChanged'));
      },
      (failure) => {
        // A wrong current passphrase is retyped; anything else concerns the new one.
        if (errorCode(failure) === 'wrong-passphrase') {
          setCurrent('');
          currentRef.current?.focus();
        } else {
          nextRef.current?.focus();
        }
      },
    );
  });

  return (
    <form class="card" onSubmit={submit} noValidate aria-busy={busy}>
      <h3>{t('passphraseChange')}</h3>
      <PassphraseField
        label={t('passphraseCurrent')}
        value={current}
        onValue={setCurrent}
        inputRef={currentRef}
        required
      />
      <TextField
        label={t('passphraseNew')}
        type="password"
        value={next}
        onValue={setNext}
        inputRef={nextRef}
        autoComplete="new-password"
        required
      />
      <TextField
        label={t('passphraseConfirmNew')}
        type="password"
        value={confirmation}
        onValue={setConfirmation}
        autoComplete="new-password"
        required
      />
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('passphraseChange')}
        </button>
      </div>
    </form>
  );
}
