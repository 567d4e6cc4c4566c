import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import config, { GECKO_ID } from '../../wxt.config';
import { COGNITO_API_MATCHES, contentScriptMatches } from '../../src/content/matches';
import { CONTENT_SCRIPT_FILES } from '../../src/shared/content-script-files';

// The manifest as wxt.config.ts writes it, checked without a build (test/e2e/manifest.e2e.test.ts
// reads the built files): icons, permissions, CSP and store settings (docs/architecture.md §3 rule 9).
const ROOT = join(import.meta.dirname, '../..');
type Browser = 'chrome' | 'firefox';
type Manifest = Record<string, unknown> & {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown[];
  content_security_policy?: { extension_pages?: string };
  action?: { default_icon?: Record<string, string> };
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[] };
    };
  };
  content_scripts?: { js?: string[]; matches?: string[]; run_at?: string; world?: string }[];
};

async function manifestFor(browser: Browser): Promise<Manifest> {
  const env = { browser, manifestVersion: 3, mode: 'production', command: 'build' } as const;
  const manifest = config.manifest;
  const written = (typeof manifest === 'function' ? await manifest(env) : manifest) as Manifest;
  // The content scripts are added by the manifest hook, as in a real build.
  const hooks = config.hooks as Record<string, unknown> | undefined;
  const hook = hooks?.['build:manifestGenerated'] as
    ((wxt: unknown, manifest: Manifest) => void) | undefined;
  const copy = structuredClone(written);
  hook?.({}, copy);
  return copy;
}

/** Width and height from a PNG's IHDR chunk; undefined for anything that is not a PNG. */
function pngSize(path: string): { width: number; height: number } | undefined {
  const bytes = readFileSync(path);
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each<Browser>(['chrome', 'firefox'])('the %s manifest', (browser) => {
  it('asks for the smallest permission set and exposes nothing to pages', async () => {
    const manifest = await manifestFor(browser);
    // 'offscreen' in Chromium only: its service worker has no clipboard (see clearing codes).
    const chromiumOnly = browser === 'firefox' ? [] : ['offscreen'];
    expect(manifest.permissions?.toSorted()).toEqual(
      [
        'activeTab',
        'alarms',
        'contextMenus',
        'scripting',
        'storage',
        'webRequest',
        ...chromiumOnly,
      ].toSorted(),
    );
    // Clipboard access only when the person turns on clearing copied codes.
    expect(manifest.optional_permissions?.toSorted()).toEqual(['clipboardRead', 'clipboardWrite']);
    expect(manifest.web_accessible_resources).toEqual([]);
    expect(manifest).not.toHaveProperty('externally_connectable');
    // Cognito's hosted domains (scripts run there) and its API hosts (webRequest sees the
    // answer to VerifySoftwareToken there), and nothing else.
    expect(manifest.host_permissions).toEqual([
      ...contentScriptMatches(false),
      ...COGNITO_API_MATCHES,
    ]);
    for (const host of manifest.host_permissions ?? []) {
      expect(host).toMatch(
        /^https:\/\/(\*\.auth(-fips)?\.[a-z0-9-]+\.amazoncognito\.com|cognito-idp(-fips)?\.[a-z0-9-]+\.amazonaws\.com)\/\*$/,
      );
    }
  });

  it('has the sign-in fill keyboard command and the popup’s, each with a default shortcut', async () => {
    expect((await manifestFor(browser)).commands).toEqual({
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandFillCode__',
      },
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' } },
    });
  });

  it('keeps a strict CSP on its own pages: no inline, eval or remote script', async () => {
    const csp = (await manifestFor(browser)).content_security_policy?.extension_pages ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1]?.trim();
    // 'wasm-unsafe-eval' compiles WebAssembly only (the QR decoder, src/qr); JavaScript eval
    // stays blocked.
    expect(scriptSrc).toBe("'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toMatch(
      /unsafe-inline|unsafe-eval|https?:|\*/,
    );
  });

  it('shows an icon at 16, 32, 48 and 128 px in the toolbar, each a PNG of that size', async () => {
    const icons = (await manifestFor(browser)).action?.default_icon ?? {};
    expect(Object.keys(icons).map(Number)).toEqual([16, 32, 48, 128]);
    for (const [size, path] of Object.entries(icons)) {
      expect(pngSize(join(ROOT, 'public', path)), path).toEqual({
        width: Number(size),
        height: Number(size),
      });
    }
  });

  it('puts only the page observer and the bridge on matched pages, never on loopback', async () => {
    const scripts = (await manifestFor(browser)).content_scripts ?? [];
    expect(scripts.map((script) => script.js)).toEqual([
      [CONTENT_SCRIPT_FILES.observer],
      [CONTENT_SCRIPT_FILES.bridge],
    ]);
    expect(scripts[0]).toMatchObject({ world: 'MAIN', run_at: 'document_start' });
    for (const script of scripts) {
      expect(script.matches?.join(' ')).not.toMatch(/127\.0\.0\.1|localhost/);
    }
  });
});

describe('store settings', () => {
  it('Firefox: a fixed add-on id and a declaration that no data is collected', async () => {
    const gecko = (await manifestFor('firefox')).browser_specific_settings?.gecko;
    expect(gecko?.id).toBe(GECKO_ID);
    expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
  });

  it('asks for browsers whose CSS has light-dark(), which every colour of the pages uses', async () => {
    const css = readFileSync(join(ROOT, 'src/ui/styles/popup.css'), 'utf8');
    expect(css).toContain('light-dark(');
    // light-dark(): Chrome 123, Firefox 120.
    expect(Number((await manifestFor('chrome')).minimum_chrome_version)).toBeGreaterThanOrEqual(
      123,
    );
    const gecko = (await manifestFor('firefox')).browser_specific_settings?.gecko;
    expect(Number.parseFloat(gecko?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(120);
  });

  it('Chrome: no Firefox-only keys', async () => {
    expect(await manifestFor('chrome')).not.toHaveProperty('browser_specific_settings');
  });
});

/** A `_locales/<lang>/messages.json` file as the browser reads it. */
type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;
const readMessages = (locale: string): Messages =>
  JSON.parse(
    readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Messages;
/** The substitutions a message uses: its `$name$` placeholders with their `$n`, and bare `$n`. */
function substitutions(entry: Messages[string]): string[] {
  const named = [...entry.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map(([, name = '']) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return `${name.toLowerCase()}=${placeholder?.content ?? 'undefined'}`;
  });
  const bare = entry.message.replace(/\$[a-z0-9_@]+\$/gi, '').match(/\$[1-9]/g) ?? [];
  return [...named, ...bare].toSorted();
}

describe('languages', () => {
  const locales = readdirSync(join(ROOT, 'public/_locales')).toSorted();

  it('ships English (the default) and German', async () => {
    expect(locales).toEqual(['de', 'en']);
    for (const browser of ['chrome', 'firefox'] as const) {
      expect((await manifestFor(browser)).default_locale).toBe('en');
    }
  });

  it('takes the name, description and command label from the catalogues', async () => {
    const manifest = await manifestFor('chrome');
    const names = [manifest.name, manifest.description, JSON.stringify(manifest.commands)]
      .join(' ')
      .match(/__MSG_\w+__/g);
    expect(names).toEqual(['__MSG_extName__', '__MSG_extDescription__', '__MSG_commandFillCode__']);
    for (const locale of locales) {
      const messages = readMessages(locale);
      for (const name of names ?? []) expect(messages[name.slice(6, -2)]?.message).toBeTruthy();
    }
  });

  it('has every message in every language, each with the same substitutions as in English', () => {
    const en = readMessages('en');
    for (const locale of locales) {
      const messages = readMessages(locale);
      expect(Object.keys(messages).toSorted(), locale).toEqual(Object.keys(en).toSorted());
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), `${locale} ${key}`).not.toBe('');
        expect(substitutions(entry), `${locale} ${key}`).toEqual(substitutions(en[key]!));
        // Every declared placeholder is used, and names only the browser's $1…$9.
        for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
          expect(entry.message.toLowerCase(), `${locale} ${key}`).toContain(`$${name}$`);
          expect(placeholder.content, `${locale} ${key}`).toMatch(/^\$[1-9]$/);
        }
      }
    }
  });

  it('names messages as the browser allows (letters, digits, _ and @)', () => {
    for (const key of Object.keys(readMessages('en'))) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
