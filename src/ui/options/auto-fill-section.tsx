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
      announce(`Automatic fill is off on ${origin}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Automatic sign-in fill</h2>
      <p class="muted">
        On the sites listed here, Keyfob types your sign-in code as soon as the page asks for it,
        without a click. To add a site, open Keyfob’s popup on that site’s sign-in page and turn on
        “Fill automatically on …” next to its account.
      </p>
      <ErrorAlert message={error} />
      {locked ? (
        <>
          <p class="muted">
            Unlock Keyfob to see these sites: which sites they are is kept in your locked vault.
          </p>
          <div class="actions">
            <button type="button" onClick={() => void load()}>
              Show sites
            </button>
          </div>
        </>
      ) : origins === undefined ? (
        !error && <p class="muted">Loading…</p>
      ) : origins.length === 0 ? (
        <p class="muted">Automatic fill is off on every site.</p>
      ) : (
        <ul class="sites" aria-label="Sites with automatic fill">
          {origins.map((origin) => (
            <li key={origin} class="site">
              <span class="site-name">{origin}</span>
              <button
                type="button"
                aria-label={`Turn off automatic fill on ${origin}`}
                onClick={() => void turnOff(origin)}
              >
                Turn off
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
