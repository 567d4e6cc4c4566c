import type { browser as WxtBrowser } from 'wxt/browser';

/** The extension API, as the project types it. */
export type PageBrowser = typeof WxtBrowser;

/**
 * The extension API in Keyfob's own pages (popup and options): the browser's own `browser`
 * (Firefox) or `chrome` (Chromium), without webextension-polyfill. Every call these pages make
 * (runtime, storage, tabs, i18n, permissions, scripting) returns a promise natively in both
 * browsers under Manifest V3, so the polyfill would only add 10 kB and one more file that the
 * popup fetches before its first paint (issue 10). The background and content scripts keep it.
 * Read when called, never at import time: tests load these modules outside an extension.
 */
export function pageBrowser(): PageBrowser {
  const scope = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
  return (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as PageBrowser;
}
