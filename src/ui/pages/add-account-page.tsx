import { useId, useRef, useState } from 'preact/hooks';
import type { AccountView, ManualAccountInput, SendMessage } from '../../messaging';
import { OTP_ALGORITHMS } from '../../otp/limits';
import type { OtpAlgorithm, OtpType } from '../../otp/types';
import { SelectField } from '../components/choice-fields';
import { ErrorAlert, TextField } from '../components/field';
import { Tabs } from '../components/tabs';
import { errorMessage } from '../errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { type MessageKey, t } from '../i18n';

/** Props of {@link AddAccountPage}. */
export interface AddAccountPageProps {
  send: SendMessage;
  onAdded(account: AccountView): void;
  onCancel(): void;
}

type Mode = 'uri' | 'manual';

const MODES: readonly { id: Mode; label: MessageKey }[] = [
  { id: 'uri', label: 'addModeUri' },
  { id: 'manual', label: 'addModeManual' },
];

const TYPES: readonly { value: OtpType; label: MessageKey }[] = [
  { value: 'totp', label: 'addTypeTotp' },
  { value: 'hotp', label: 'addTypeHotp' },
  { value: 'steam', label: 'addTypeSteam' },
];

const ALGORITHMS = OTP_ALGORITHMS.map((value) => ({ value, label: value }));

const DIGITS = [
  { value: '6', label: '6' },
  { value: '7', label: '7' },
  { value: '8', label: '8' },
] as const;

/** A number field's text as a number, or `undefined` when left empty (the background's default). */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * Adds an account from an otpauth:// URI or from typed fields. Validation is the background's
 * job; this page only insists on the required fields and, on any error, keeps what was typed.
 */
export function AddAccountPage({ send, onAdded, onCancel }: AddAccountPageProps) {
  const [mode, setMode] = useState<Mode>('uri');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const [uri, setUri] = useState('');
  const uriId = useId();
  const uriRef = useRef<HTMLTextAreaElement>(null);
  useFocusOnMount(uriRef);

  const [issuer, setIssuer] = useState('');
  const [account, setAccount] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<OtpType>('totp');
  const [algorithm, setAlgorithm] = useState<OtpAlgorithm>('SHA1');
  const [digits, setDigits] = useState<'6' | '7' | '8'>('6');
  const [period, setPeriod] = useState('30');
  const [counter, setCounter] = useState('0');
  const accountRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  const run = async (request: () => Promise<AccountView>, refocus?: HTMLElement | null) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await request());
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
      refocus?.focus();
    }
  };

  const submitUri = (event: Event) => {
    event.preventDefault();
    if (!uri.trim()) {
      setError(t('addPasteUri'));
      uriRef.current?.focus();
      return;
    }
    void run(() => send('addAccountFromUri', { uri: uri.trim() }), uriRef.current);
  };

  const submitManual = (event: Event) => {
    event.preventDefault();
    if (!account.trim() || !secret.trim()) {
      setError(t('addEnterAccountAndSecret'));
      (account.trim() ? secretRef : accountRef).current?.focus();
      return;
    }
    // Steam fixes its own algorithm, length and period: the form sends none of them.
    const data: ManualAccountInput = { account: account.trim(), secret: secret.trim(), type };
    if (type !== 'steam') {
      data.algorithm = algorithm;
      data.digits = Number(digits);
    }
    if (issuer.trim()) data.issuer = issuer.trim();
    const periodValue = type === 'totp' ? optionalNumber(period) : undefined;
    const counterValue = type === 'hotp' ? optionalNumber(counter) : undefined;
    // A blank box sends no key at all, so the background applies its default.
    if (periodValue !== undefined) data.period = periodValue;
    if (counterValue !== undefined) data.counter = counterValue;
    void run(() => send('addAccount', data));
  };

  const selectMode = (next: Mode) => {
    setMode(next);
    setError(undefined);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || busy) return;
    event.preventDefault();
    onCancel();
  };

  // Enter adds the pasted link; Shift+Enter still starts a new line.
  const onUriKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
  };

  // Both forms end the same way: what went wrong, then Add and Cancel.
  const footer = (
    <>
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('addButton')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('actionCancel')}
        </button>
      </div>
    </>
  );

  return (
    <section class="page" onKeyDown={onKeyDown}>
      <h2>{t('addHeading')}</h2>
      <Tabs
        label={t('addBy')}
        tabs={MODES.map(({ id, label }) => ({ id, label: t(label) }))}
        selected={mode}
        onSelect={selectMode}
      >
        {mode === 'uri' ? (
          <form onSubmit={submitUri} noValidate aria-busy={busy}>
            <div class="field">
              <label htmlFor={uriId}>{t('addUriLabel')}</label>
              <textarea
                id={uriId}
                ref={uriRef}
                rows={3}
                value={uri}
                onInput={(event) => setUri(event.currentTarget.value)}
                onKeyDown={onUriKeyDown}
                aria-required="true"
                placeholder={t('addUriPlaceholder')}
                spellcheck={false}
                autocapitalize="off"
                autoComplete="off"
              />
            </div>
            {footer}
          </form>
        ) : (
          <form onSubmit={submitManual} noValidate aria-busy={busy}>
            <TextField label={t('fieldIssuer')} value={issuer} onValue={setIssuer} />
            <TextField
              label={t('fieldAccount')}
              value={account}
              onValue={setAccount}
              inputRef={accountRef}
              required
            />
            <TextField
              label={t('fieldSecret')}
              value={secret}
              onValue={setSecret}
              inputRef={secretRef}
              required
              verbatim
              hint={t('addSecretHint')}
            />
            <details class="advanced">
              <summary>{t('addAdvanced')}</summary>
              <SelectField<OtpType>
                label={t('addType')}
                value={type}
                options={TYPES.map(({ value, label }) => ({ value, label: t(label) }))}
                onValue={setType}
              />
              {type === 'steam' ? (
                <p class="hint">{t('addSteamHint')}</p>
              ) : (
                <>
                  <SelectField<OtpAlgorithm>
                    label={t('addAlgorithm')}
                    value={algorithm}
                    options={ALGORITHMS}
                    onValue={setAlgorithm}
                  />
                  <SelectField<'6' | '7' | '8'>
                    label={t('addDigits')}
                    value={digits}
                    options={DIGITS}
                    onValue={setDigits}
                  />
                </>
              )}
              {type === 'totp' && (
                <TextField
                  label={t('addPeriod')}
                  type="number"
                  min={1}
                  value={period}
                  onValue={setPeriod}
                />
              )}
              {type === 'hotp' && (
                <TextField
                  label={t('addCounter')}
                  type="number"
                  min={0}
                  value={counter}
                  onValue={setCounter}
                />
              )}
            </details>
            {footer}
          </form>
        )}
      </Tabs>
    </section>
  );
}
