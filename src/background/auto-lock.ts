import type { SessionArea } from './session-key';

/** The part of `browser.alarms` auto-lock uses. */
export interface AlarmsApi {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}

/** Name of the backup alarm; the background routes it to {@link AutoLock.lockIfDue}. */
export const AUTO_LOCK_ALARM = 'keyfob-auto-lock';

const KEY = 'autoLockDeadline';

/** Dependencies of {@link createAutoLock}. */
export interface AutoLockDeps {
  session: SessionArea;
  alarms: AlarmsApi;
  now: () => number;
  idleMinutes: () => Promise<number>;
  lock: () => Promise<void>;
}

/**
 * Auto-lock as a deadline (docs/architecture.md §3 rule 4): every request checks it first, so a vault
 * whose deadline has passed never answers even if the alarm was late or the worker slept
 * through it; the alarm is only the backup that locks an idle vault nobody is asking about.
 * The deadline lives in `storage.session` so a restarted worker keeps it rather than
 * granting a fresh half hour.
 */
export function createAutoLock(deps: AutoLockDeps) {
  const { session, alarms, now, idleMinutes, lock } = deps;
  // This worker's copy of the deadline, so that a request does not wait on storage to check
  // it: only this module writes the deadline, so the copy is exact once read. A restarted
  // worker starts without it and reads the stored one.
  let known: number | null | undefined;
  // Counts touches and clears: a touch still waiting for the idle time when a newer touch or a
  // lock came sets no deadline (a request does not wait for its touch; see ./background).
  let latest = 0;

  async function deadline(): Promise<number | null> {
    if (known !== undefined) return known;
    const value = (await session.get(KEY))[KEY];
    // A touch or a lock while storage answered is newer than what storage said.
    if (known === undefined) known = typeof value === 'number' ? value : null;
    return known;
  }

  return {
    /** Locks when the deadline has passed. Returns true when it locked. */
    async lockIfDue(): Promise<boolean> {
      const due = await deadline();
      if (due === null || now() < due) return false;
      await lock();
      return true;
    },
    /** Records user activity: the vault stays open for another idle period from now. */
    async touch(): Promise<void> {
      const mine = ++latest;
      const when = now() + (await idleMinutes()) * 60_000;
      if (mine !== latest) return;
      known = when;
      await Promise.all([session.set({ [KEY]: when }), alarms.create(AUTO_LOCK_ALARM, { when })]);
    },
    /** Forgets the deadline (on lock). */
    async clear(): Promise<void> {
      latest += 1;
      known = null;
      await Promise.all([session.remove(KEY), alarms.clear(AUTO_LOCK_ALARM)]);
    },
  };
}

/** The auto-lock's interface. */
export type AutoLock = ReturnType<typeof createAutoLock>;
