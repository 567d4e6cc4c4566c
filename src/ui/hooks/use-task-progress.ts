import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SendMessage } from '../../messaging';

/** How often a page asks how far its long request has come. */
const POLL_MS = 150;

/** What {@link useTaskProgress} gives a form. */
export interface TaskProgressHandle {
  /** The fraction done (0–1) of the request in flight; undefined when none is. */
  fraction: number | undefined;
  /**
   * Runs `request` with a fresh task id for it to send along, and polls the background for
   * that task's progress until the request settles.
   */
  track<T>(request: (taskId: string) => Promise<T>): Promise<T>;
}

/**
 * Progress of the background's long work (a backup's KDF, a large import) for a progress
 * bar: the page names its request with a random id and polls `taskProgress` for it, a number
 * being all that comes back.
 */
export function useTaskProgress(send: SendMessage): TaskProgressHandle {
  const [fraction, setFraction] = useState<number>();
  const current = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      current.current = undefined;
    },
    [],
  );

  const track = useCallback(
    async <T>(request: (taskId: string) => Promise<T>): Promise<T> => {
      const taskId = crypto.randomUUID();
      current.current = taskId;
      setFraction(0);
      const poll = async () => {
        while (current.current === taskId) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          try {
            const answer = await send('taskProgress', { taskId });
            if (current.current === taskId && answer.fraction !== null) {
              const next = answer.fraction;
              setFraction((shown) => Math.max(shown ?? 0, next));
            }
          } catch {
            // A missed reading only delays the bar; the request itself still answers.
          }
        }
      };
      void poll();
      try {
        return await request(taskId);
      } finally {
        if (current.current === taskId) {
          current.current = undefined;
          setFraction(undefined);
        }
      }
    },
    [send],
  );

  return { fraction, track };
}
