/**
 * Where the built content scripts are, relative to the extension's root. One list, because the
 * manifest, the background (activeTab and on-demand injection) and the options page (per-site
 * registrations) must all name the same files.
 *
 * - `observer`: the MAIN-world page observer, at document_start.
 * - `bridge`: the small isolated-world script every matched page gets. It relays what the
 *   observer posts and asks for the helper when the page may show a code screen.
 * - `helper`: the detectors and the filler, injected by the background only on such pages.
 */
export const CONTENT_SCRIPT_FILES = {
  observer: 'page-observer.js',
  bridge: 'cognito-bridge.js',
  helper: 'cognito-helper.js',
} as const;

/**
 * Prefix of every content-script registration made for a site the person granted (options
 * page), so that the background can tell those registrations from any other.
 */
export const SITE_SCRIPT_PREFIX = 'keyfob-site-';
