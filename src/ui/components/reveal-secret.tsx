import { useRef, useState } from 'preact/hooks';
import type { AccountView, RevealedAccount, SendMessage } from '../../messaging';
import { accountName } from '../format';
import { errorMessage } from '../errors';
import { t, tNodes } from '../i18n';
import { ErrorAlert, PassphraseField } from './field';
import { QrCode } from './qr-code';

/** What showing a secret exposes, in plain words. */
export const secretOnScreenWarning = () => t('revealWarning');

/** Props of {@link RevealSecret}. */
export interface RevealSecretProps {
  send: SendMessage;
  account: AccountView;
}

/**
 * "Show QR code and secret": after the vault passphrase again, one account's QR code and
 * secret, to move it to a phone. The secret stays in this component only, until "Hide".
 */
export function RevealSecret({ send, account }: RevealSecretProps) {
  const [asking, setAsking] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [revealed, setRevealed] = useState<RevealedAccount>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const reveal = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setRevealed(await send('revealAccount', { id: account.id, passphrase }));
      setAsking(false);
    } catch (failure) {
      setError(errorMessage(failure));
      passphraseRef.current?.focus();
    } finally {
      setPassphrase('');
      setBusy(false);
    }
  };

  const hide = () => {
    setRevealed(undefined);
    setError(undefined);
  };

  if (revealed) {
    return (
      <div class="reveal">
        <p class="notice">{secretOnScreenWarning()}</p>
        <QrCode text={revealed.uri} label={t('revealQrLabel', accountName(account))} />
        <p>{tNodes('revealSecret', <code class="secret">{revealed.secret}</code>)}</p>
        <div class="actions">
          <button type="button" onClick={hide}>
            {t('revealHide')}
          </button>
        </div>
      </div>
    );
  }

  if (!asking) {
    return (
      <div class="actions">
        <button type="button" onClick={() => setAsking(true)}>
          {t('revealShow')}
        </button>
      </div>
    );
  }

  return (
    <form class="reveal" onSubmit={reveal} noValidate aria-busy={busy}>
      <p class="notice">{secretOnScreenWarning()}</p>
      <PassphraseField
        label={t('fieldVaultPassphrase')}
        value={passphrase}
        onValue={setPassphrase}
        inputRef={passphraseRef}
      />
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('revealShowButton')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('actionCancel')}
        </button>
      </div>
    </form>
  );
}
