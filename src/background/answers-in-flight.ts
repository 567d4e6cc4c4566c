/**
 * Cognito requests a tab sent that the browser has not yet reported answered: a setup screen
 * that reports its secret can come before the `Date` of the answer that brought it (the page
 * hears the answer by one channel, this worker by another), and its code must be made by the
 * server's clock that answer tells (docs/architecture.md §3 rule 14). Memory only.
 */
export interface AnswersInFlight {
  /** The browser saw tab `tabId` send request `requestId` to Cognito. */
  left(tabId: number, requestId: string): void;
  /** The browser reported the request's answer (and its `Date` was read), or its failure. */
  settled(requestId: string): void;
  /**
   * Resolves once every request tab `tabId` sent is settled, or after the wait's bound: an
   * answer that never comes must not hold a setup back for long.
   */
  settledFor(tabId: number): Promise<void>;
}

/** Longest wait for a tab's answers. */
export const ANSWER_WAIT_MS = 2000;
/**
 * A request not settled this long after it left is forgotten: its events were lost (a worker
 * woken for them too late), and it would otherwise hold back every setup of its tab.
 */
export const FORGET_AFTER_MS = 30_000;
/** Requests remembered per tab: a page can't grow this worker's memory without bound. */
export const MAX_PER_TAB = 32;

export interface AnswersInFlightDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function createAnswersInFlight(deps: AnswersInFlightDeps): AnswersInFlight {
  /** Per tab: request id → when it left. */
  const open = new Map<number, Map<string, number>>();
  const tabOf = new Map<string, number>();
  const waiters = new Map<number, (() => void)[]>();

  function release(tabId: number): void {
    open.delete(tabId);
    const waiting = waiters.get(tabId) ?? [];
    waiters.delete(tabId);
    waiting.forEach((resolve) => resolve());
  }

  function forget(tabId: number, requestId: string): void {
    const requests = open.get(tabId);
    tabOf.delete(requestId);
    if (!requests?.delete(requestId)) return;
    if (requests.size === 0) release(tabId);
  }

  /** The tab's requests still worth waiting for, the forgotten ones dropped. */
  function live(tabId: number): number {
    const requests = open.get(tabId);
    if (!requests) return 0;
    const cutoff = deps.now() - FORGET_AFTER_MS;
    for (const [requestId, leftAt] of requests) {
      if (leftAt < cutoff) forget(tabId, requestId);
    }
    return open.get(tabId)?.size ?? 0;
  }

  return {
    left(tabId, requestId) {
      if (tabId < 0) return; // Not a tab's (the worker's own, or a prefetch).
      let requests = open.get(tabId);
      if (!requests) open.set(tabId, (requests = new Map()));
      // Past the bound the oldest is dropped (a map keeps insertion order).
      const oldest = requests.size >= MAX_PER_TAB ? requests.keys().next().value : undefined;
      if (oldest !== undefined) forget(tabId, oldest);
      requests.set(requestId, deps.now());
      tabOf.set(requestId, tabId);
    },
    settled(requestId) {
      const tabId = tabOf.get(requestId);
      if (tabId !== undefined) forget(tabId, requestId);
    },
    async settledFor(tabId) {
      if (live(tabId) === 0) return;
      let done = () => {};
      const answered = new Promise<void>((resolve) => (done = resolve));
      waiters.set(tabId, [...(waiters.get(tabId) ?? []), done]);
      await Promise.race([answered, deps.sleep(ANSWER_WAIT_MS)]);
      const left = waiters.get(tabId)?.filter((waiter) => waiter !== done);
      if (left?.length) waiters.set(tabId, left);
      else waiters.delete(tabId);
    },
  };
}
