import { t } from '../i18n';
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import type { SendMessage } from '../../messaging';
import { ErrorAlert } from '../components/field';
import { errorCode, errorMessage } from '../errors';

/** Props of {@link AutoFillSection}. */
export interface AutoFillSectionProps {
  send: SendMessage;
  /** Puts a short confirmation in the page's status region. */
  announce(message: string): void;
}

/**
 * "Automatic sign-in fill": the sites where the person let Keyfob type the code without a
 * click, each with its own Turn off. Sites are turned on from the popup, over the site itself.
 * The list needs the vault unlocked: which sites they are is sealed in it.
 */
export function AutoFillSection({ send, announce }: AutoFillSectionProps) {
  const [origins, setOrigins] = useState<string[]>();
  const [locked, setLocked] = useState(false);
  const [error, setError] = useState<string>();
  const headingId = useId();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setOrigins((await send('getAutoFillSites', {})).origins);
      setLocked(false);
    } catch (failure) {
      if (errorCode(failure) === 'vault-locked') setLocked(true);
      else setError(errorMessage(failure));
    }
  }, [send]);

  useEffect(() => {
    void load();
  }, [load]);

  const turnOff = async (origin: string) => {
    setError(undefined);
    try {
      setOrigins((await send('setAutoFill', { origin, on: false })).origins);
      announce(t('autoFillTurnedOff', origin));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('autoFillHeading')}</h2>
      <p class="muted">{t('autoFillIntro')}</p>
      <ErrorAlert message={error} />
      {locked ? (
        <>
          <p class="muted">{t('autoFillLocked')}</p>
          <div class="actions">
            <button type="button" onClick={() => void load()}>
              {t('autoFillShowSites')}
            </button>
          </div>
        </>
      ) : origins === undefined ? (
        !error && <p class="muted">{t('appLoading')}</p>
      ) : origins.length === 0 ? (
        <p class="muted">{t('autoFillNone')}</p>
      ) : (
        <ul class="sites" aria-label={t('autoFillListLabel')}>
          {origins.map((origin) => (
            <li key={origin} class="site">
              <span class="site-name">{origin}</span>
              <button
                type="button"
                aria-label={t('autoFillTurnOffLabel', origin)}
                onClick={() => void turnOff(origin)}
              >
                {t('autoFillTurnOff')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
