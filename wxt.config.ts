import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Fixed Firefox add-on id: the e2e tests pin its moz-extension:// UUID through it. */
export const GECKO_ID = 'keyfob@keyfob.dev';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Keyfob',
    description: 'TOTP authenticator with an enrollment helper for Amazon Cognito MFA setup.',
    permissions: ['storage', 'alarms', 'clipboardWrite'],
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
