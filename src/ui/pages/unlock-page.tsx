import { useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../../messaging';
import { ErrorAlert, PassphraseField } from '../components/field';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useSubmit } from '../hooks/use-submit';
import { t } from '../i18n';

/** Props of {@link UnlockPage}. */
export interface UnlockPageProps {
  send: SendMessage;
  /** Why the popup came here mid-session (the vault locked itself), if it did. */
  notice?: string | undefined;
  onUnlocked(state: VaultState): void;
}

/** The locked vault: one passphrase field. */
export function UnlockPage({ send, notice, onUnlocked }: UnlockPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, onSubmit, refuse, run } = useSubmit();
  const passphraseRef = useRef<HTMLInputElement>(null);
  useFocusOnMount(passphraseRef);

  const submit = onSubmit(async () => {
    if (!passphrase) return refuse(t('unlockEnterPassphrase'), passphraseRef);
    await run(
      async () => onUnlocked(await send('unlockVault', { passphrase })),
      () => {
        // A wrong passphrase is retyped from scratch, not edited: clear it and stay in the field.
        setPassphrase('');
        passphraseRef.current?.focus();
      },
    );
  });

  return (
    <main class="page page-auth">
      <h1>{t('unlockHeading')}</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <PassphraseField
          label={t('fieldPassphrase')}
          value={passphrase}
          onValue={setPassphrase}
          inputRef={passphraseRef}
          required
        />
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('unlockButton')}
          </button>
        </div>
        <p class="muted" aria-live="polite">
          {busy ? t('unlockBusy') : ''}
        </p>
      </form>
    </main>
  );
}
