import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Fixed Firefox add-on id: the e2e tests pin its moz-extension:// UUID through it. */
export const GECKO_ID = 'keyfob@keyfob.dev';

/**
 * `WXT_KEYFOB_E2E=1` builds the test variant into .output/e2e/: its content scripts also match
 * http://127.0.0.1 and http://localhost, where the test rig serves its Cognito pages. The
 * production build never matches them (test/unit/manifest.test.ts checks).
 */
const e2e = process.env.WXT_KEYFOB_E2E === '1';

/** WXT's plain `wxt/browser` module, which the polyfill module otherwise aliases away. */
const NATIVE_BROWSER = fileURLToPath(
  new URL('./node_modules/wxt/dist/browser.mjs', import.meta.url),
);

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: e2e ? '.output/e2e' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Content scripts use WXT's own `browser` (the native object) instead of the polyfill:
    // the polyfill is ~10 kB of a script injected into every matched page, and what they use
    // (sendMessage's promise, onMessage with sendResponse) is native in both browsers.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.type === 'content-script')) return;
      const existing = config.resolve?.alias ?? {};
      const aliases = Array.isArray(existing)
        ? existing
        : Object.entries(existing).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: NATIVE_BROWSER },
          ...aliases.filter((a: { find: unknown }) => a.find !== 'wxt/browser'),
        ],
      };
    },
  },
  manifest: ({ browser }) => ({
    name: 'Keyfob',
    description: 'TOTP authenticator with an enrollment helper for Amazon Cognito MFA setup.',
    // activeTab + scripting: fill and "Enroll on this page" on the user's click, anywhere.
    permissions: ['storage', 'alarms', 'activeTab', 'scripting'],
    // Sites the user allows for good (options page); nothing is granted up front.
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    web_accessible_resources: [],
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: GECKO_ID, strict_min_version: '140.0' },
          },
        }
      : {}),
  }),
});
