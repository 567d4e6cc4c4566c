import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView, CodeListing, SendMessage } from '../../messaging';
import { isTimeBased } from '../../otp/steam';
import { errorCode, errorMessage } from '../errors';
import type { Screen } from '../screens';
import { afterNextPaint } from '../after-paint';
import { secondClock, type SecondClock } from './second-clock';
import {
  atTime,
  clockOffset,
  delayToNextSecond,
  nextRefreshDelay,
  nextSwitchDelay,
} from './refresh-timing';

const NO_ACCOUNTS: readonly AccountView[] = [];

/** After a failed `listCodes` (other than a lock), try again this much later. */
export const RETRY_DELAY_MS = 5000;

/** What {@link useCodes} gives its page. */
export interface Codes {
  /** The last listing received; its codes may be a step old (`current` gives the codes now). */
  listing?: CodeListing | undefined;
  /**
   * The accounts as last received: names, states, order and sites are current, codes may be a
   * step old. The same array across a period boundary: nothing is built or drawn again then
   * but what reads the clock (a row's codes, countdowns); `current` gives an account's codes.
   */
  received: readonly AccountView[];
  /** `account` (from `received`) with the codes shown now, by the clock. */
  current(account: AccountView): AccountView;
  /** Background clock minus popup clock, from the last listing. */
  offsetMs: number;
  /**
   * Background time, ticking once a second and moved at each switch to sent next codes: rows'
   * codes and countdowns read it (see useClockValue).
   */
  clock: SecondClock;
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
  const firstCameShort = useRef(first?.listing.unsent !== undefined);
  // Not state: a tick, or a switch to the sent next codes, re-renders only what reads the
  // clock (rows' codes, countdowns), never the page or the list.
  const [clock] = useState(() => secondClock(now() + (snapshot?.offsetMs ?? 0)));
  const [error, setError] = useState<string>();
  const [failures, setFailures] = useState(0);
  // Answers can overtake each other (a timer refresh racing one after an edit): keep the newest.
  const requestSeq = useRef(0);
  /** Listings asked for and not answered yet. */
  const waiting = useRef(0);

  // `refresh` marks the timed re-fetch, which must not postpone auto-lock: only a person does.
  const reload = useCallback(
    async (refresh = false) => {
      const seq = ++requestSeq.current;
      const sentAt = now();
      waiting.current += 1;
      try {
        const listing = await send('listCodes', refresh ? { refresh: true } : {}).finally(() => {
          waiting.current -= 1;
        });
        if (seq !== requestSeq.current) return;
        const receivedAt = now();
        const offsetMs = clockOffset(listing, receivedAt, sentAt);
        setSnapshot({ listing, offsetMs });
        clock.set(receivedAt + offsetMs);
        setError(undefined);
      } catch (failure) {
        if (seq !== requestSeq.current) return;
        // A lock is handled by the caller's guard, which leaves this page altogether.
        if (errorCode(failure) === 'vault-locked') return;
        setError(errorMessage(failure));
        setFailures((n) => n + 1);
      }
    },
    [send, now, clock],
  );

  useEffect(() => {
    if (!hadFirst.current) void reload();
    // A long list's opening brought its first rows only: the whole listing once they show.
    // Its refresh flag: the opening already counted as the person's activity for auto-lock.
    else if (firstCameShort.current) afterNextPaint(() => void reload(true));
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
  const listing = snapshot?.listing;

  // The clock moves just after each whole second (countdowns), and exactly when a code falls
  // due: each row switches to its sent next code in that task, never stale in between. Codes
  // due by the clock's time have switched already (they are shown by it).
  const ticking = listing?.accounts.some((account) => isTimeBased(account.type)) ?? false;
  useEffect(() => {
    if (!listing || !ticking) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const popupNow = now();
      const tick = delayToNextSecond(popupNow, offsetMs);
      const toSwitch = nextSwitchDelay(listing, popupNow, offsetMs, clock.at());
      const delay = toSwitch !== undefined && toSwitch < tick ? toSwitch : tick;
      const due = popupNow + offsetMs + delay;
      timer = setTimeout(() => {
        // A timer a hair early must still switch, or tick past its second.
        clock.set(Math.max(now() + offsetMs, due));
        schedule();
      }, delay);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [listing, ticking, offsetMs, now, clock]);

  // A listing asked for before a change made here (a move, a pin, an edit, a delete) may have
  // been made before the background stored the change, and would undo it on screen when it
  // comes: its answer is dropped, and the listing asked for again.
  const changedHere = useCallback(() => {
    requestSeq.current += 1;
    if (waiting.current > 0) void reload(true);
  }, [reload]);

  const upsert = useCallback(
    (account: AccountView) => {
      changedHere();
      setSnapshot((current) => {
        if (!current) return current;
        const accounts = current.listing.accounts.some((a) => a.id === account.id)
          ? current.listing.accounts.map((a) => (a.id === account.id ? account : a))
          : [...current.listing.accounts, account];
        return { ...current, listing: { ...current.listing, accounts } };
      });
    },
    [changedHere],
  );

  const remove = useCallback(
    (id: string) => {
      changedHere();
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
    },
    [changedHere],
  );

  const received = snapshot?.listing.accounts ?? NO_ACCOUNTS;
  const current = useCallback((account: AccountView) => atTime(account, clock.at()), [clock]);

  return { listing, received, current, offsetMs, clock, error, reload, upsert, remove };
}
