import { t } from '../i18n';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ErrorAlert, TextField } from '../components/field';
import { errorMessage } from '../errors';
import { normaliseSiteAddress } from './site-address';
import type { SiteGrants } from './site-grants';

/** Props of {@link SitesSection}. */
export interface SitesSectionProps {
  grants: SiteGrants;
  /** Puts a short confirmation in the page's status region. */
  announce(message: string): void;
}

/**
 * "Sites": allow Keyfob on a site of one's own (a sign-in page not hosted by Cognito), and
 * see or remove the sites allowed so far.
 */
export function SitesSection({ grants, announce }: SitesSectionProps) {
  const [sites, setSites] = useState<string[]>();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The site whose permission prompt is open, and which request is the latest.
  const [waitingFor, setWaitingFor] = useState<string>();
  const lastRequest = useRef(0);
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Position of a removed site, so focus moves to its neighbour rather than the page top.
  const [refocus, setRefocus] = useState<number>();

  const reload = useCallback(async () => {
    try {
      setSites(await grants.list());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [grants]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useLayoutEffect(() => {
    if (refocus === undefined) return;
    setRefocus(undefined);
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(refocus, buttons.length - 1)] ?? inputRef.current)?.focus();
  }, [refocus, sites]);

  const allow = (event: Event) => {
    event.preventDefault();
    const parsed = normaliseSiteAddress(address);
    if (!parsed.ok) {
      setError(parsed.error);
      inputRef.current?.focus();
      return;
    }
    const site = parsed.value;
    // Synchronously, inside the submit: the browser's prompt needs the person's gesture, which
    // an await before this call would already have spent (Firefox is strict about it).
    const granting = grants.grant(site);
    // A new request replaces one still waiting: its answer, if it ever comes, is not shown.
    const request = (lastRequest.current += 1);
    setWaitingFor(site);
    setError(undefined);
    void settle(granting, site, request);
  };

  const settle = async (granting: Promise<boolean>, site: string, request: number) => {
    const current = () => lastRequest.current === request;
    try {
      const granted = await granting;
      if (!current()) {
        // Answered after the person stopped waiting: the list still shows the truth.
        if (granted) await reload();
        return;
      }
      if (!granted) {
        setError(t('sitesDeclined', site));
        inputRef.current?.focus();
        return;
      }
      setAddress('');
      announce(t('sitesAllowed', site));
      await reload();
    } catch (failure) {
      if (!current()) return;
      setError(errorMessage(failure));
      inputRef.current?.focus();
    } finally {
      if (current()) setWaitingFor(undefined);
    }
  };

  // A prompt the person closed without answering may never settle: the wait ends here.
  const stopWaiting = () => {
    lastRequest.current += 1;
    setError(t('sitesNoAnswer', waitingFor ?? ''));
    setWaitingFor(undefined);
    inputRef.current?.focus();
  };

  const remove = async (site: string, index: number) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await grants.revoke(site);
      announce(t('sitesRemoved', site));
      await reload();
      setRefocus(index);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby={headingId} aria-busy={busy || waitingFor !== undefined}>
      <h2 id={headingId}>{t('sitesHeading')}</h2>
      <p class="muted">{t('sitesIntro')}</p>
      <form onSubmit={allow} noValidate>
        <TextField
          label={t('sitesAddress')}
          value={address}
          onValue={setAddress}
          inputRef={inputRef}
          placeholder={t('sitesAddressPlaceholder')}
          hint={t('sitesAddressHint')}
          verbatim
        />
        <ErrorAlert message={error} />
        {waitingFor && (
          <p class="muted" aria-live="polite">
            {t('sitesWaiting', waitingFor)}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('sitesAllow')}
          </button>
          {waitingFor && (
            <button type="button" onClick={stopWaiting}>
              {t('sitesStopWaiting')}
            </button>
          )}
        </div>
      </form>
      <h3>{t('sitesAllowedHeading')}</h3>
      {sites === undefined ? (
        !error && <p class="muted">{t('appLoading')}</p>
      ) : sites.length === 0 ? (
        <p class="muted">{t('sitesNone')}</p>
      ) : (
        <ul class="sites" aria-label={t('sitesAllowedHeading')} ref={listRef}>
          {sites.map((site, index) => (
            <li key={site} class="site">
              <span class="site-name">{site}</span>
              <button
                type="button"
                aria-label={t('sitesRemoveSite', site)}
                onClick={() => void remove(site, index)}
              >
                {t('sitesRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
