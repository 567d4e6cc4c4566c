import { installPageObserver } from '../src/content/observer';

/**
 * The page observer, in the page's own world from document_start (the manifest entry is
 * added in wxt.config.ts). An unlisted script, so that its bundle carries no match list and no
 * WXT wrapper: it runs on every matched page. `globalName: false`: an anonymous bundle, which
 * leaves no `var pageObserver` in the page's world for a page to find Keyfob by.
 */
export default defineUnlistedScript({
  globalName: false,
  main: () => void installPageObserver(window),
});
