import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountView, CodeListing, SendMessage } from '../../messaging';
import { isTimeBased } from '../../otp/steam';
import { errorCode, errorMessage } from '../errors';
import type { Screen } from '../screens';
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
   * step old. The same array across a period boundary, so what is built from it (sorting,
   * grouping, the list's layout) is not built again then; `current` gives an account's codes.
   */
  received: readonly AccountView[];
  /** `account` (from `received`) with the codes shown now. */
  current(account: AccountView): AccountView;
  /** Background clock minus popup clock, from the last listing. */
  offsetMs: number;
  /** Background time, ticking once a second: countdowns read it (see useClockValue). */
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
  // Not state: a tick re-renders only the countdowns that read the clock, never the list.
  const [clock] = useState(() => secondClock(now() + (snapshot?.offsetMs ?? 0)));
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

  // The one place the clock moves: a switch to the sent next codes, due by `at`, happens in
  // the same task as the tick, so a row renders once at the boundary, never stale in between.
  // A switch only notes its time: `current` works out the codes of the rows drawn, so a
  // boundary costs the same at 1,000 accounts as at 20.
  const switchState = useRef({ listing, switchedAt });
  switchState.current = { listing, switchedAt };
  const moveClock = useCallback(
    (at: number) => {
      const { listing: shown, switchedAt: since } = switchState.current;
      if (shown && nextSwitchDelay(shown, at, 0, since) === 0) setSwitchedAt(at);
      clock.set(at);
    },
    [clock],
  );

  useEffect(() => {
    if (!listing) return;
    const delay = nextSwitchDelay(listing, now(), offsetMs, switchedAt);
    if (delay === undefined) return;
    const due = now() + offsetMs + delay;
    // A timer a hair early must still switch: nothing would schedule it again.
    const timer = setTimeout(() => moveClock(Math.max(now() + offsetMs, due)), delay);
    return () => clearTimeout(timer);
  }, [listing, switchedAt, offsetMs, now, moveClock]);

  const ticking = snapshot?.listing.accounts.some((account) => isTimeBased(account.type)) ?? false;
  useEffect(() => {
    if (!ticking) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          moveClock(now() + offsetMs);
          schedule();
        },
        delayToNextSecond(now(), offsetMs),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [ticking, offsetMs, now, moveClock]);

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

  const received = snapshot?.listing.accounts ?? NO_ACCOUNTS;
  // One object per account and switch, so a memoised row sees a change only when it has one.
  const switched = useMemo(() => new WeakMap<AccountView, AccountView>(), [switchedAt]);
  const current = useCallback(
    (account: AccountView) => {
      let now = switched.get(account);
      if (!now) {
        now = atTime(account, switchedAt);
        switched.set(account, now);
      }
      return now;
    },
    [switched, switchedAt],
  );

  return { listing, received, current, offsetMs, clock, error, reload, upsert, remove };
}
