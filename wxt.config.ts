import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { COGNITO_API_MATCHES, contentScriptMatches } from './src/content/matches';
import { CONTENT_SCRIPT_FILES } from './src/shared/content-script-files';
import { QR_WASM_FILE } from './src/qr/wasm-file';
import {
  inlineStylesheets,
  sharedPageChunk,
  withoutIdleWxtPlugins,
} from './scripts/build/page-html';

/** Fixed Firefox add-on id: the e2e tests pin its moz-extension:// UUID through it. */
export const GECKO_ID = 'keyfob@keyfob.dev';

/**
 * `WXT_KEYFOB_E2E=1` builds the test variant into .output/e2e/: its content scripts also match
 * http://127.0.0.1 and http://localhost, where the test rig serves its Cognito pages. The
 * production build never matches them (src/content/matches.test.ts checks the patterns,
 * test/e2e/manifest.e2e.test.ts the built manifests).
 */
const e2e = process.env.WXT_KEYFOB_E2E === '1';
/** Where Keyfob's scripts run without asking (Cognito's hosted domains, and loopback for e2e). */
const matches = contentScriptMatches(e2e);
/** The icon sizes in public/icon/ (drawn by scripts/make-icons.mjs). */
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icon/${size}.png`]));
/** WXT's runtime plugins (none so far), as the resolved config lists them. */
let wxtPlugins: readonly string[] = [];

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: e2e ? '.output/e2e' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({
    plugins: [
      preact(),
      // Fewer files for the pages to fetch before their first paint (issue 10): no empty WXT
      // plugin chunk, the popup's stylesheet inside popup.html, and the code the popup and the
      // options page share in one chunk.
      withoutIdleWxtPlugins(() => wxtPlugins),
      inlineStylesheets(['/entrypoints/popup/index.html']),
      sharedPageChunk(['popup', 'options']),
    ],
    // Both browsers preload modules themselves: Vite's polyfill for older ones is code every
    // page would load and run before its first paint.
    build: { modulePreload: { polyfill: false } },
  }),
  hooks: {
    'config:resolved': (wxt) => {
      wxtPlugins = wxt.config.plugins;
    },
    // The QR decoder's WebAssembly ships inside the extension: zxing-wasm would otherwise
    // fetch it from a CDN, and remote code is neither allowed nor wanted.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        absoluteSrc: createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'),
        relativeDest: QR_WASM_FILE,
      });
    },
    // The static content scripts are WXT unlisted scripts: no WXT content-script context (it
    // announces itself to the page with a window message naming the extension) and no match
    // list in the bundles, which run on every matched page. So their entries are written here.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        {
          matches,
          js: [CONTENT_SCRIPT_FILES.observer],
          run_at: 'document_start',
          world: 'MAIN',
        },
        { matches, js: [CONTENT_SCRIPT_FILES.bridge], run_at: 'document_end' },
      ];
    },
  },
  manifest: ({ browser }) => ({
    // Name, description and the command's label come from public/_locales (English by default).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab + scripting: fill and "Enroll on this page" on the user's click, anywhere.
    // contextMenus: "Fill Keyfob code" on editable fields.
    // 'offscreen' (Chromium only, no install warning): a service worker has no clipboard, so an
    // offscreen page clears expired codes from it.
    // webRequest (observing only, never blocking): the browser's own record of Cognito's answer
    // to a setup code, the one evidence that verifies an account (src/background/verify-listener.ts).
    permissions: [
      'storage',
      'alarms',
      'activeTab',
      'scripting',
      'contextMenus',
      'webRequest',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for only when the person turns on "clear copied codes" (settings).
    optional_permissions: ['clipboardRead', 'clipboardWrite'],
    // The keyboard command that fills the sign-in code (src/background/index.ts, README).
    commands: {
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandFillCode__',
      },
      // The toolbar button's own shortcut: the popup, and its Fill, from the keyboard.
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' } },
    },
    // The hosts the content scripts match: the background injects the helper there when the
    // page bridge asks (content-script matches alone do not allow scripting). Plus Cognito's
    // API endpoints, whose answers to VerifySoftwareToken webRequest may then see.
    host_permissions: [...matches, ...COGNITO_API_MATCHES],
    // Sites the user allows for good (options page); nothing is granted up front.
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    web_accessible_resources: [],
    // WXT lists public/icon/<size>.png as the extension's icons; the toolbar button uses them too.
    action: { default_icon: ICONS },
    // 'wasm-unsafe-eval' lets extension pages and the background compile WebAssembly (the QR
    // decoder) and nothing else: JavaScript eval stays blocked, and scripts still come only
    // from the extension itself.
    content_security_policy: {
      extension_pages:
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Keyfob collects and transmits nothing: every secret and setting stays local.
              data_collection_permissions: { required: ['none'] },
            },
            // The first Firefox for Android that reads data_collection_permissions.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // The pages' colours come from CSS light-dark(), which Chrome has from version 123.
          minimum_chrome_version: '123',
        }),
  }),
});
