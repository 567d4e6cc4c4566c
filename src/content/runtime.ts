/**
 * The extension runtime as a content script needs it, without webextension-polyfill.
 *
 * The polyfill is about 10 kB, half the budget of a script injected into every matched page,
 * and both browsers already give content scripts what is used here: a promise from
 * `runtime.sendMessage` (Firefox's `browser`, Chromium's MV3 `chrome`), and `onMessage`
 * listeners that answer through `sendResponse` after returning `true`, which both honour.
 */
export interface ContentRuntime {
  /** Undefined once the extension is reloaded or removed under the page (Chromium). */
  readonly id: string | undefined;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: RuntimeListener): void;
    removeListener(listener: RuntimeListener): void;
  };
}

/** A raw runtime.onMessage listener. */
export type RuntimeListener = (
  message: unknown,
  sender: { id?: string; tab?: unknown },
  sendResponse: (response: unknown) => void,
) => boolean | undefined;

/** `browser.runtime` where it exists (Firefox), else `chrome.runtime` (Chromium). */
export function contentRuntime(): ContentRuntime {
  const scope = globalThis as {
    browser?: { runtime?: ContentRuntime };
    chrome?: { runtime?: ContentRuntime };
  };
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!runtime) throw new Error('Keyfob: no extension runtime in this context');
  return runtime;
}

/**
 * Adapts a handler that returns a promise (or undefined: not ours) to the callback form both
 * browsers accept.
 */
export function toRuntimeListener(
  handle: (
    message: unknown,
    sender: { id?: string; tab?: unknown },
  ) => Promise<unknown> | undefined,
): RuntimeListener {
  return (message, sender, sendResponse) => {
    const answer = handle(message, sender);
    if (!answer) return undefined;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}
