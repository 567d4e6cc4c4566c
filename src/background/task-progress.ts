/** Tasks whose progress is kept at once; a new one beyond this forgets the oldest. */
const MAX_TASKS = 8;

/** What a page may name its task: a short random token, nothing the page could smuggle. */
const TASK_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * How far the background's long work (a backup's KDF, a large import's sealing) has come,
 * by the id the page chose when it asked for the work. The page polls it with
 * `taskProgress`: a number is all that crosses, never what is being worked on.
 */
export function createTaskProgress() {
  const fractions = new Map<string, number>();

  return {
    /**
     * A progress callback for the task `id` (a no-op when the page gave no valid id), and a
     * way to forget it once the work is done.
     */
    start(id: unknown): { report: (fraction: number) => void; end: () => void } {
      if (typeof id !== 'string' || !TASK_ID.test(id)) return { report: () => {}, end: () => {} };
      fractions.delete(id);
      while (fractions.size >= MAX_TASKS) fractions.delete(fractions.keys().next().value!);
      fractions.set(id, 0);
      return {
        report: (fraction) => {
          if (!fractions.has(id) || !Number.isFinite(fraction)) return;
          // Progress only moves forward, within 0–1, whatever the worker reports.
          fractions.set(id, Math.min(1, Math.max(fractions.get(id)!, fraction)));
        },
        end: () => fractions.delete(id),
      };
    },
    /** The fraction done of task `id`, or null when no such task is running. */
    read(id: unknown): number | null {
      return typeof id === 'string' ? (fractions.get(id) ?? null) : null;
    },
  };
}

/** The task progress interface. */
export type TaskProgress = ReturnType<typeof createTaskProgress>;
