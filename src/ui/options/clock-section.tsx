import { useEffect, useId, useState } from 'preact/hooks';
import type { ClockStatus, SendMessage } from '../../messaging';
import { ErrorAlert } from '../components/field';
import { clockSummary, clockWarning } from '../clock-text';
import { errorMessage } from '../errors';
import { t } from '../i18n';

/** Props of {@link ClockSection}. */
export interface ClockSectionProps {
  send: SendMessage;
  /** Puts a short confirmation in the page's status region. */
  announce(message: string): void;
}

/**
 * "Clock": the offset Keyfob learned from Cognito's answers and adds to this computer's clock
 * for every code, where it came from, and Reset. Works while the vault is locked.
 */
export function ClockSection({ send, announce }: ClockSectionProps) {
  const [status, setStatus] = useState<ClockStatus>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  useEffect(() => {
    let current = true;
    send('getClock', {}).then(
      (clock) => current && setStatus(clock),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [send]);

  const reset = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setStatus(await send('resetClock', {}));
      announce(t('clockResetDone'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const warning = status ? clockWarning(status.offsetMs) : null;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('clockHeading')}</h2>
      <ErrorAlert message={error} />
      {status && (
        <>
          <p>{clockSummary(status)}</p>
          {warning && <p class="warning">{warning}</p>}
          <p class="hint">{t('clockHint')}</p>
          {status.offsetMs !== 0 && (
            <button type="button" onClick={() => void reset()} disabled={busy}>
              {t('clockReset')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
