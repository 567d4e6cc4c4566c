/**
 * Runs tasks one at a time per key, and tasks of different keys independently: the setup
 * reports of one origin must not interleave (a list-then-add would save one setup twice), and
 * a slow page must not hold up another origin's setup.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    /** Runs `task` after every earlier task of `key` has settled. */
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const before = tails.get(key) ?? Promise.resolve();
      const run = before.then(task, task);
      const tail = run.catch(() => undefined);
      tails.set(key, tail);
      // The last task of a key drops the key, so the map holds only keys with work in flight.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return run;
    },
  };
}

/** A per-key task queue. */
export type KeyedQueue = ReturnType<typeof createKeyedQueue>;
