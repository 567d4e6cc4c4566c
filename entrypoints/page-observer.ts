import { installPageObserver } from '../src/content/observer';

/**
 * The page observer, in the page's own world from document_start (the manifest entry is
 * added in wxt.config.ts). An unlisted script, so that its bundle carries no match list and no
 * WXT wrapper: it runs on every matched page.
 */
export default defineUnlistedScript(() => void installPageObserver(window));
