import { startEarly, type EarlyApi } from '../src/ui/early-start';

/**
 * The popup's first script, a classic one in its <head>: it asks for the vault's state and
 * picks the language (fetching a catalogue only when it is not the browser's own) while the
 * browser still loads the popup's modules, which then pick both up (src/ui/early-start.ts).
 * Raw extension APIs, no polyfill: both browsers return promises here, and the polyfill's
 * 10 kB would be most of what this script loads.
 */
export default defineUnlistedScript({
  globalName: false,
  main: () => {
    const api =
      (globalThis as { browser?: EarlyApi; chrome?: EarlyApi }).browser ??
      (globalThis as { chrome?: EarlyApi }).chrome;
    if (api) startEarly(api, window, localStorage);
  },
});
