import { runPageBridge } from '../src/content/run-bridge';

/**
 * The isolated-world script of every matched page (the manifest entry is added in
 * wxt.config.ts). An unlisted script rather than a WXT content script: it stays small, and it
 * posts nothing to the page (WXT's content-script context announces itself with a window
 * message naming the extension).
 */
export default defineUnlistedScript(() => void runPageBridge());
