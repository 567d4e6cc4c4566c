// The module table of docs/architecture.md §2 as data: for each folder of src/, what it
// may import. One table for every folder, read by architecture.test.ts through check-source.ts.
// A key is a path prefix; the longest key that prefixes a file's path is that file's rule, so a
// subfolder (or one adapter file) can have a rule of its own. A file may always import files
// under its own rule's key.

/** What the files under one path prefix may import. */
export interface ModuleRule {
  /** Folders (path prefixes) whose values and types it may import. */
  readonly imports: readonly string[];
  /** Folders it may import types from, but no values (`import type`, `export type … from`). */
  readonly types?: readonly string[];
  /** Packages it may import; an entry allows the package and its subpaths. */
  readonly packages: readonly string[];
  /** Pure code: runs in plain Node, so it references no browser global (see BROWSER_GLOBALS). */
  readonly pure?: boolean;
  /** Browser globals this pure folder may still use (src/crypto is the door to crypto.subtle). */
  readonly allowGlobals?: readonly string[];
}

// @otplib/hotp and @otplib/totp are dev dependencies: the tests' second opinion on the codes.
const OTPLIB = ['@otplib/core', '@otplib/plugin-base32-scure', '@otplib/plugin-crypto-noble'];
// jsQR and @zxing/library stay dev dependencies, for the decoder comparison (npm run bench:qr).
const QR_DECODERS = ['zxing-wasm'];
const UI: ModuleRule = {
  imports: ['src/messaging', 'src/otp', 'src/shared'],
  // The English catalogue's shape gives t() its typed message names; no text is bundled.
  types: ['public/_locales'],
  packages: ['preact'],
};

/** Every folder of src/ and entrypoints/, keyed by path prefix. */
export const MODULE_RULES: Readonly<Record<string, ModuleRule>> = {
  'src/shared': { imports: [], packages: [], pure: true },
  // Languages for the pages and the background alike; message names come from the catalogue.
  'src/shared/i18n': {
    imports: ['src/shared'],
    types: ['public/_locales'],
    packages: [],
    pure: true,
  },
  // @noble/hashes: the HMAC under otplib's noble plugin, keyed once per account (generate.ts).
  'src/otp': { imports: ['src/shared'], packages: [...OTPLIB, '@noble/hashes'], pure: true },
  'src/crypto': { imports: ['src/shared'], packages: [], pure: true, allowGlobals: ['crypto'] },
  'src/vault': { imports: ['src/otp', 'src/crypto', 'src/shared'], packages: [], pure: true },
  'src/storage': { imports: ['src/shared'], types: ['src/vault'], packages: ['idb'] },
  'src/cognito/protocol': { imports: ['src/shared'], types: ['src/otp'], packages: [], pure: true },
  'src/cognito/screens': {
    imports: ['src/shared', 'src/cognito/protocol'],
    types: ['src/otp'],
    packages: [],
    pure: true,
  },
  'src/transfer': {
    imports: ['src/otp', 'src/crypto', 'src/shared'],
    packages: ['@noble/hashes', '@noble/ciphers'],
    pure: true,
  },
  'src/qr': { imports: ['src/shared'], packages: QR_DECODERS, pure: true },
  'src/messaging': {
    imports: ['src/shared'],
    types: ['src/otp', 'src/crypto', 'src/vault', 'src/cognito', 'src/transfer', 'src/qr'],
    packages: ['wxt/browser'],
  },
  'src/background': {
    imports: [
      'src/shared',
      'src/otp',
      'src/crypto',
      'src/vault',
      'src/storage',
      'src/cognito',
      'src/messaging',
      'src/transfer',
      'src/qr',
    ],
    packages: ['wxt/browser'],
  },
  'src/content': {
    // src/qr: only its limits (qr-capture.ts sends no more than the background reads).
    imports: ['src/cognito', 'src/messaging', 'src/shared', 'src/qr'],
    packages: [],
  },
  'src/ui': UI,
  // The extension API of the pages, the browser's own (see the file for why no polyfill), and
  // the one file of src/ui that names wxt/browser, for its types. The adapters that call the
  // browser from src/ui (options/browser-site-grants.ts, i18n/browser-language.ts) go through it.
  'src/ui/page-browser.ts': { ...UI, packages: [...UI.packages, 'wxt/browser'] },
  // The one view that draws a QR code; it loads qrcode lazily, so the popup stays small.
  'src/ui/components/qr-code.tsx': {
    ...UI,
    imports: [...UI.imports, 'src/ui/i18n'],
    packages: [...UI.packages, 'qrcode'],
  },
  // Thin files that wire a module into a browser context.
  entrypoints: {
    imports: ['src/background', 'src/content', 'src/ui', 'src/messaging'],
    packages: ['preact', 'wxt/browser'],
  },
};

/** Imports no folder may make, whatever the table says. */
export const BANNED_PACKAGES: Readonly<Record<string, string>> = {
  'webextension-polyfill': 'nobody imports webextension-polyfill: use wxt/browser',
  '@wxt-dev/webextension-polyfill': 'nobody imports webextension-polyfill: use wxt/browser',
};

/** Packages only one folder may import, whatever the table says. */
export const OWNED_PACKAGES: Readonly<Record<string, string>> = { idb: 'src/storage' };

/** Globals that exist in a browser but not in plain Node; pure folders reference none. */
export const BROWSER_GLOBALS: readonly string[] = [
  'browser',
  'chrome',
  'window',
  'self',
  'globalThis',
  'document',
  'navigator',
  'location',
  'history',
  'indexedDB',
  'localStorage',
  'sessionStorage',
  'caches',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'MutationObserver',
  'IntersectionObserver',
  'ResizeObserver',
  'requestAnimationFrame',
  'postMessage',
  'importScripts',
  'alert',
  'confirm',
  'prompt',
  'crypto',
];

/** The one folder allowed to call crypto.subtle (docs/architecture.md §2). */
export const SUBTLE_OWNER = 'src/crypto';

/** Test code inside src/: not product code, so the table does not bind it. */
export const isTestCode = (path: string): boolean =>
  /\.(test|fixture)\.tsx?$|\/__fixtures__\//.test(path);
