import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView, CodeListing, SendMessage } from '../../messaging';
import { isTimeBased } from '../../otp/steam';
import { errorCode, errorMessage } from '../errors';
import { clockOffset, delayToNextSecond, nextRefreshDelay } from './refresh-timing';

/** After a failed `listCodes` (other than a lock), try again this much later. */
export const RETRY_DELAY_MS = 5000;

/** What {@link useCodes} gives its page. */
export interface Codes {
  /** The last listing received; `undefined` until the first one arrives. */
  listing?: CodeListing | undefined;
  /** Background clock minus popup clock, from the last listing. */
  offsetMs: number;
  /** Popup clock at the last countdown tick: read countdowns against this. */
  now: number;
  /** Why the last `listCodes` failed, if it did. */
  error?: string | undefined;
  /** Asks the background for a fresh listing now. */
  reload(): Promise<void>;
  /** Puts one account returned by the background (added, edited, next HOTP code) in place. */
  upsert(account: AccountView): void;
  /** Drops an account the background has deleted. */
  remove(id: string): void;
}

interface Snapshot {
  listing: CodeListing;
  offsetMs: number;
}

/**
 * Keeps the account listing fresh while the popup is open. It asks the background again only
 * when the earliest code expires (never on a fixed poll), and ticks the countdowns locally once
 * a second, aligned to the background's clock.
 */
export function useCodes(send: SendMessage, now: () => number): Codes {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [tick, setTick] = useState(now);
  const [error, setError] = useState<string>();
  const [failures, setFailures] = useState(0);
  // Answers can overtake each other (a timer refresh racing one after an edit): keep the newest.
  const requestSeq = useRef(0);

  // `refresh` marks the timed re-fetch, which must not postpone auto-lock: only a person does.
  const reload = useCallback(
    async (refresh = false) => {
      const seq = ++requestSeq.current;
      try {
        const listing = await send('listCodes', refresh ? { refresh: true } : {});
        if (seq !== requestSeq.current) return;
        const receivedAt = now();
        setSnapshot({ listing, offsetMs: clockOffset(listing, receivedAt) });
        setTick(receivedAt);
        setError(undefined);
      } catch (failure) {
        if (seq !== requestSeq.current) return;
        // A lock is handled by the caller's guard, which leaves this page altogether.
        if (errorCode(failure) === 'vault-locked') return;
        setError(errorMessage(failure));
        setFailures((n) => n + 1);
      }
    },
    [send, now],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!snapshot) return;
    const delay = nextRefreshDelay(snapshot.listing, now(), snapshot.offsetMs);
    if (delay === undefined) return;
    const timer = setTimeout(() => void reload(true), delay);
    return () => clearTimeout(timer);
  }, [snapshot, reload, now]);

  useEffect(() => {
    if (failures === 0) return;
    const timer = setTimeout(() => void reload(true), RETRY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [failures, reload]);

  const offsetMs = snapshot?.offsetMs ?? 0;
  const ticking = snapshot?.listing.accounts.some((account) => isTimeBased(account.type)) ?? false;
  useEffect(() => {
    if (!ticking) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setTick(now());
          schedule();
        },
        delayToNextSecond(now(), offsetMs),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [ticking, offsetMs, now]);

  const upsert = useCallback((account: AccountView) => {
    setSnapshot((current) => {
      if (!current) return current;
      const accounts = current.listing.accounts.some((a) => a.id === account.id)
        ? current.listing.accounts.map((a) => (a.id === account.id ? account : a))
        : [...current.listing.accounts, account];
      return { ...current, listing: { ...current.listing, accounts } };
    });
  }, []);

  const remove = useCallback((id: string) => {
    setSnapshot(
      (current) =>
        current && {
          ...current,
          listing: {
            ...current.listing,
            accounts: current.listing.accounts.filter((a) => a.id !== id),
          },
        },
    );
  }, []);

  return { listing: snapshot?.listing, offsetMs, now: tick, error, reload, upsert, remove };
}
