import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountView, CodeListing, SendMessage } from '../../messaging';
import { isTimeBased } from '../../otp/steam';
import { errorCode, errorMessage } from '../errors';
import type { Screen } from '../screens';
import {
  clockOffset,
  delayToNextSecond,
  listingAt,
  nextRefreshDelay,
  nextSwitchDelay,
} from './refresh-timing';

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

/** A listing the popup already has (it came with the vault's state), and when it arrived. */
export type FirstListing = NonNullable<Extract<Screen, { name: 'vault' }>['first']>;

interface Snapshot {
  listing: CodeListing;
  offsetMs: number;
}

/**
 * Keeps the account listing fresh while the popup is open. Each code comes with the next one:
 * at the boundary the popup switches to it by itself (no stale code, no round trip), and asks
 * the background again mid-step for the step after (never on a fixed poll). The countdowns
 * tick locally once a second, aligned to the background's clock.
 */
export function useCodes(send: SendMessage, now: () => number, first?: FirstListing): Codes {
  const [snapshot, setSnapshot] = useState<Snapshot | undefined>(
    first && {
      listing: first.listing,
      offsetMs: clockOffset(first.listing, first.receivedAt, first.sentAt),
    },
  );
  const hadFirst = useRef(first !== undefined);
  const [tick, setTick] = useState(now);
  // Background time of the last switch to sent next codes: what is shown is the listing then.
  const [switchedAt, setSwitchedAt] = useState(0);
  const [error, setError] = useState<string>();
  const [failures, setFailures] = useState(0);
  // Answers can overtake each other (a timer refresh racing one after an edit): keep the newest.
  const requestSeq = useRef(0);

  // `refresh` marks the timed re-fetch, which must not postpone auto-lock: only a person does.
  const reload = useCallback(
    async (refresh = false) => {
      const seq = ++requestSeq.current;
      const sentAt = now();
      try {
        const listing = await send('listCodes', refresh ? { refresh: true } : {});
        if (seq !== requestSeq.current) return;
        const receivedAt = now();
        setSnapshot({ listing, offsetMs: clockOffset(listing, receivedAt, sentAt) });
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
    if (!hadFirst.current) void reload();
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
  const listing = useMemo(
    () => snapshot && listingAt(snapshot.listing, switchedAt),
    [snapshot, switchedAt],
  );

  useEffect(() => {
    if (!listing) return;
    const delay = nextSwitchDelay(listing, now(), offsetMs);
    if (delay === undefined) return;
    const due = now() + offsetMs + delay;
    const timer = setTimeout(() => {
      // A timer a hair early must still switch: nothing would schedule it again.
      setSwitchedAt(Math.max(now() + offsetMs, due));
      setTick(now());
    }, delay);
    return () => clearTimeout(timer);
  }, [listing, offsetMs, now]);

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

  return { listing, offsetMs, now: tick, error, reload, upsert, remove };
}
