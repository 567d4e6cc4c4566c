import { KeyfobError, isKeyfobError } from '../shared';
import type { LocalArea } from './settings';

const KEY = 'passphraseFailures';

/** Wrong passphrases allowed in a row before Keyfob starts making the person wait. */
export const FREE_ATTEMPTS = 5;
/** The first wait, doubled after every further wrong passphrase. */
const FIRST_WAIT_MS = 5_000;
/** The longest wait: slow enough to stop guessing, short enough for someone who mistyped. */
export const MAX_WAIT_MS = 5 * 60_000;

/** How long after the last of `failures` wrong passphrases the next try is allowed. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failures - FREE_ATTEMPTS, 16);
  return Math.min(FIRST_WAIT_MS * 2 ** doublings, MAX_WAIT_MS);
}

interface FailureLog {
  count: number;
  lastAt: number;
}

function readLog(stored: unknown): FailureLog {
  const log = stored as Partial<FailureLog> | undefined;
  const count = Number.isSafeInteger(log?.count) && log!.count! > 0 ? log!.count! : 0;
  const lastAt = typeof log?.lastAt === 'number' && Number.isFinite(log.lastAt) ? log.lastAt : 0;
  return { count, lastAt };
}

/**
 * Slows down repeated wrong passphrases (docs/architecture.md §3): after a few in a row, every
 * passphrase check waits a doubling time. The count lives in `storage.local`, so stopping the
 * worker or the browser does not reset it; attempts run one at a time, so parallel guesses
 * cannot slip past the wait. A right passphrase clears it.
 */
export function createPassphraseGuard(deps: { local: LocalArea; now: () => number }) {
  const { local, now } = deps;
  let queue: Promise<unknown> = Promise.resolve();

  async function guarded<T>(check: () => Promise<T>): Promise<T> {
    const log = readLog((await local.get(KEY))[KEY]);
    const waitMs = log.lastAt + waitAfterFailures(log.count) - now();
    // Beyond the longest wait only when the clock was set back: then it must not lock for days.
    if (waitMs > 0 && waitMs <= MAX_WAIT_MS) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new KeyfobError(
        'passphrase-throttled',
        `Too many wrong passphrases. Wait ${seconds} s, then try again.`,
      );
    }
    try {
      const result = await check();
      if (log.count > 0) await local.set({ [KEY]: { count: 0, lastAt: 0 } });
      return result;
    } catch (error) {
      if (isKeyfobError(error, 'wrong-passphrase')) {
        await local.set({ [KEY]: { count: log.count + 1, lastAt: now() } });
      }
      throw error;
    }
  }

  return {
    /** Runs a check of the vault passphrase, unless the person must wait after wrong ones. */
    check<T>(check: () => Promise<T>): Promise<T> {
      const run = queue.then(
        () => guarded(check),
        () => guarded(check),
      );
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** The passphrase guard's interface. */
export type PassphraseGuard = ReturnType<typeof createPassphraseGuard>;
