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

/** A real extension runtime: DOM clobbering gives elements, never functions. */
function isRuntime(value: unknown): value is ContentRuntime {
  try {
    const runtime = value as Partial<ContentRuntime> | null | undefined;
    return (
      typeof runtime?.sendMessage === 'function' &&
      typeof runtime.onMessage?.addListener === 'function' &&
      typeof runtime.onMessage.removeListener === 'function'
    );
  } catch {
    return false;
  }
}

function runtimeOf(scope: unknown, name: 'browser' | 'chrome'): unknown {
  try {
    return (scope as Record<string, { runtime?: unknown } | undefined>)[name]?.runtime;
  } catch {
    return undefined;
  }
}

/**
 * `browser.runtime` where it is real (Firefox), else `chrome.runtime` (Chromium). Read once,
 * when a script starts, and kept by its caller: in Chromium a page's element with
 * `id="browser"` (holding an input named `runtime`) shows up as `browser.runtime` in the
 * isolated world too, and must not switch Keyfob off.
 */
export function contentRuntime(scope: unknown = globalThis): ContentRuntime {
  for (const name of ['browser', 'chrome'] as const) {
    const runtime = runtimeOf(scope, name);
    if (isRuntime(runtime)) return runtime;
  }
  throw new Error('Keyfob: no extension runtime in this context');
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
