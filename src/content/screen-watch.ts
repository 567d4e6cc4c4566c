/** What {@link createScreenWatch} needs. */
export interface ScreenWatchDeps {
  doc: Document;
  /** Quiet time after a DOM mutation before the detectors run again. */
  debounceMs: number;
  isStopped(): boolean;
  /** Runs the detectors once and acts on what they find; `force` reports an unchanged screen. */
  scanOnce(force: boolean): Promise<void>;
  /** Counts a piece of work in for `idle()`. */
  track<T>(promise: Promise<T>): Promise<T>;
}

/** When the detectors run. */
export interface ScreenWatch {
  /** Runs the detectors after any scan under way; a plain scan joins one already waiting. */
  scan(force?: boolean): Promise<void>;
  /** Watches the document for changes that may show or change a code screen. */
  start(): void;
  stop(): void;
}

/** Attributes whose change can turn an element into (or out of) part of a code screen. */
const WATCHED_ATTRIBUTES = ['src', 'href', 'hidden', 'disabled', 'readonly', 'type', 'aria-hidden'];

const ignore = () => {};

/**
 * Runs the detectors one scan at a time: on demand, and after the document has been quiet for
 * `debounceMs` following a mutation, so a page that re-renders constantly costs one scan per
 * quiet spell rather than one per change.
 */
export function createScreenWatch(deps: ScreenWatchDeps): ScreenWatch {
  const { doc, debounceMs, isStopped, scanOnce, track } = deps;
  let queue: Promise<void> = Promise.resolve();
  let queued = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function scan(force = false): Promise<void> {
    if (!force && queued) return queue;
    queued = true;
    queue = queue
      .then(() => {
        queued = false;
        return scanOnce(force);
      })
      .catch(ignore);
    return track(queue);
  }

  const observer = new MutationObserver(() => {
    if (timer !== undefined || isStopped()) return;
    timer = setTimeout(() => {
      timer = undefined;
      void scan();
    }, debounceMs);
  });

  return {
    scan,
    start() {
      observer.observe(doc, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: WATCHED_ATTRIBUTES,
      });
    },
    stop() {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
