/**
 * The page bridge: the only isolated-world script every matched page gets, kept to a few
 * hundred bytes' worth of work. It holds on to what the page observer posts until the helper
 * (detectors and filler, injected by the background on request) takes over, and asks for the
 * helper as soon as the page may show a code screen: a field that looks like a one-time-code
 * field, the observer seeing the page talk to Cognito, or a setup fill to follow up from the
 * previous page.
 */
import { mayHoldCodeField } from '../cognito/screens';
import { readFillMark } from './fill-mark';

/** Where the bridge keeps itself in the isolated world, for the helper to find. */
export const BRIDGE_KEY = 'keyfobPageBridge';

/** What the helper gets from the bridge. */
export interface PageBridge {
  /**
   * Hands the page over to the helper, once: returns the observer's messages so far (oldest
   * first, as posted, still unchecked) and stops the bridge's own listening. Undefined when
   * the helper already took over.
   */
  handOver(): unknown[] | undefined;
}

/** Options of {@link startPageBridge}. */
export interface PageBridgeOptions {
  win: Window;
  /** Asks the background for the helper; resolves true once it runs in this page. */
  requestHelper: () => Promise<boolean>;
  /** Wakes the background ahead of a page that may need it (see `warmUp` in the protocol). */
  warmUp: () => Promise<unknown>;
  now?: () => number;
}

/** Messages kept for the helper; a page posting more than this is not worth remembering. */
export const MAX_HELD_MESSAGES = 32;
/** Requests that failed (no answer, no permission) before the bridge gives up on this page. */
const MAX_REQUESTS = 3;
/** DOM changes that can turn a field into a code field. */
const WATCH: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['type', 'name', 'id', 'autocomplete', 'inputmode', 'maxlength', 'pattern'],
};

/**
 * Starts the bridge in `win` (top frame only) and stores it under {@link BRIDGE_KEY} on the
 * isolated world's global. Returns undefined in a frame, or when a bridge already runs here.
 */
export function startPageBridge(options: PageBridgeOptions): PageBridge | undefined {
  const { win, requestHelper, warmUp } = options;
  const now = options.now ?? (() => Date.now());
  if (win.top !== win || findPageBridge()) return undefined;

  let held: unknown[] | undefined = [];
  let requests = 0;
  let requesting = false;
  let checkQueued = false;

  function askForHelper(): void {
    if (!held || requesting || requests >= MAX_REQUESTS) return;
    requesting = true;
    requests++;
    void requestHelper()
      .catch(() => false)
      .then((loaded) => {
        requesting = false;
        // Still ours after a failure: a later signal may ask again.
        if (!loaded && held) mutations.observe(win.document, WATCH);
      });
  }

  function check(): void {
    checkQueued = false;
    if (held && mayHoldCodeField(win.document)) {
      mutations.disconnect();
      askForHelper();
    }
  }

  // Coalesces a burst of mutations into one look, after the page's own task.
  const mutations = new MutationObserver(() => {
    if (checkQueued) return;
    checkQueued = true;
    setTimeout(check, 0);
  });

  function onMessage(event: MessageEvent): void {
    // The observer posts from this same window; whatever it says is checked by the helper.
    if (!held || event.source !== win || event.origin !== win.location.origin) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    if ((data as { __keyfob?: unknown }).__keyfob !== 'observer') return;
    held.push(data);
    if (held.length > MAX_HELD_MESSAGES) held.shift();
    // The page talks to Cognito: a setup or code screen may follow.
    askForHelper();
  }

  // A sent form (a server-rendered sign-in, say) is followed by a new page, maybe a setup or
  // code screen: wake the background now, while the browser fetches that page.
  let warmed = false;
  function onSubmit(): void {
    if (warmed || !held) return;
    warmed = true;
    warmUp().catch(() => {});
  }

  const bridge: PageBridge = {
    handOver() {
      const messages = held;
      held = undefined;
      win.removeEventListener('message', onMessage);
      win.removeEventListener('submit', onSubmit, true);
      mutations.disconnect();
      return messages;
    },
  };
  // An own property of the isolated world's global: an element the page names BRIDGE_KEY is
  // only a named property further up the chain, which this shadows and findPageBridge ignores.
  Object.defineProperty(globalThis, BRIDGE_KEY, { value: bridge, configurable: true });
  win.addEventListener('message', onMessage);
  win.addEventListener('submit', onSubmit, true);

  let notes: Storage | undefined;
  try {
    notes = win.sessionStorage;
  } catch {
    notes = undefined;
  }
  if (readFillMark(notes, now()) || mayHoldCodeField(win.document)) askForHelper();
  else mutations.observe(win.document, WATCH);
  return bridge;
}

/**
 * The bridge running in this isolated world, if any. Only our own property counts: in
 * Chromium, an element with `id="keyfobPageBridge"` shows on the global too (a named
 * property), and must neither pass for the bridge nor stop one from starting.
 */
export function findPageBridge(): PageBridge | undefined {
  if (!Object.prototype.hasOwnProperty.call(globalThis, BRIDGE_KEY)) return undefined;
  const bridge = Object.getOwnPropertyDescriptor(globalThis, BRIDGE_KEY)?.value as unknown;
  return typeof (bridge as PageBridge | undefined)?.handOver === 'function'
    ? (bridge as PageBridge)
    : undefined;
}
