import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PRODUCTION_BUILDS,
  e2eDist,
  isOutdated,
  projectPath,
  runWxtBuild,
} from './support/e2e-build';
import type { BrowserName } from './support/env';
import { ALL_BROWSERS, e2eContext } from './support/env';
import { COGNITO_API_MATCHES } from '../../src/content/matches';

// The built manifests (docs/architecture.md §3 rules 5 and 9): the release builds never run content
// scripts on loopback, expose no resources to pages and accept no external connections; only
// the e2e variant (WXT_KEYFOB_E2E=1, .output/e2e/) adds http://127.0.0.1 and http://localhost
// for the Cognito rig. Reads the built files only; builds a target first if it is missing.

interface ContentScript {
  matches?: string[];
  exclude_matches?: string[];
  js?: string[];
  run_at?: string;
  world?: string;
}

interface Manifest {
  content_scripts?: ContentScript[];
  web_accessible_resources?: unknown[];
  externally_connectable?: unknown;
  host_permissions?: string[];
}

/**
 * Whether a match pattern matches `url` (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * `<all_urls>`, a scheme (`*` = http or https), a host (`*`, `*.domain`, or exact; any port
 * when the pattern names none) and a path glob.
 */
function patternMatches(pattern: string, url: string): boolean {
  const target = new URL(url);
  if (pattern === '<all_urls>')
    return ['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'].includes(target.protocol);
  const parsed = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!parsed) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, hostPort, path] = parsed as unknown as [string, string, string, string];
  const protocol = target.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(protocol) : scheme !== protocol) {
    return false;
  }
  const [host, port] = hostPort.split(':') as [string, string | undefined];
  if (port !== undefined && port !== '*' && port !== target.port) return false;
  const hostname = target.hostname;
  const hostOk =
    host === '*' ||
    host === hostname ||
    (host.startsWith('*.') && (hostname === host.slice(2) || hostname.endsWith(host.slice(1))));
  if (!hostOk) return false;
  const glob = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return glob.test(target.pathname + target.search);
}

/** Loopback pages as the rig serves them (any port) and as developers do. */
const LOOPBACK_URLS = [
  'http://127.0.0.1/',
  'http://127.0.0.1:41234/login',
  'http://localhost/',
  'http://localhost:5173/index.html',
];

const matchesLoopback = (patterns: string[] = []) =>
  patterns.filter((pattern) => LOOPBACK_URLS.some((url) => patternMatches(pattern, url)));

function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
}

/** The production build under test: the run's snapshot, or .output/ (built if missing). */
function productionDist(name: BrowserName): string {
  const snapshot = name === 'chromium' ? e2eContext().chromeDist : e2eContext().firefoxDist;
  if (snapshot && existsSync(join(snapshot, 'manifest.json'))) return snapshot;
  const { args, out } = PRODUCTION_BUILDS[name];
  const skip = process.env.KEYFOB_E2E_SKIP_BUILD === '1';
  if (!existsSync(join(projectPath(out), 'manifest.json')) || (!skip && isOutdated(out))) {
    runWxtBuild(args, false);
  }
  return projectPath(out);
}

describe.each(ALL_BROWSERS)('manifest of the %s builds', (name) => {
  let production: Manifest;
  let e2e: Manifest;
  beforeAll(() => {
    production = readManifest(productionDist(name));
    e2e = readManifest(e2eDist(name));
  }, 120_000);

  it('release build: no content script on http://127.0.0.1 or http://localhost', () => {
    const scripts = production.content_scripts ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(matchesLoopback(script.matches), `${script.js?.join(',')} matches`).toEqual([]);
    }
    expect(matchesLoopback(production.host_permissions), 'host_permissions').toEqual([]);
  });

  it('release build: empty web_accessible_resources, no externally_connectable', () => {
    expect(production.web_accessible_resources ?? []).toEqual([]);
    expect(production).not.toHaveProperty('externally_connectable');
  });

  it('e2e build: both static content scripts also match loopback, and nothing else changes', () => {
    const scripts = e2e.content_scripts ?? [];
    expect(scripts.map((s) => s.js)).toEqual((production.content_scripts ?? []).map((s) => s.js));
    for (const [index, script] of scripts.entries()) {
      const release = production.content_scripts![index]!;
      for (const url of LOOPBACK_URLS) {
        expect(
          script.matches?.some((pattern) => patternMatches(pattern, url)),
          `${script.js?.join(',')} on ${url}`,
        ).toBe(true);
      }
      // Loopback added, the release's Cognito hosted domains kept, nothing else.
      const added = (script.matches ?? []).filter((m) => !(release.matches ?? []).includes(m));
      expect(added.sort()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
      expect(script.matches).toEqual(expect.arrayContaining(release.matches ?? []));
      expect(script.run_at).toBe(release.run_at);
      expect(script.world).toBe(release.world);
    }
    const observer = scripts.find((s) => s.world === 'MAIN');
    expect(observer?.run_at, 'the page observer runs before page scripts').toBe('document_start');
    expect(e2e.web_accessible_resources ?? []).toEqual([]);
    expect(e2e).not.toHaveProperty('externally_connectable');
  });

  it('static scripts are the observer and the bridge; host permissions are their hosts and Cognito’s API', () => {
    for (const manifest of [production, e2e]) {
      const scripts = manifest.content_scripts ?? [];
      // The helper (detectors and filler) is injected on demand, never on every matched page.
      expect(scripts.flatMap((s) => s.js ?? []).sort()).toEqual([
        'cognito-bridge.js',
        'page-observer.js',
      ]);
      const hosts = new Set([...scripts.flatMap((s) => s.matches ?? []), ...COGNITO_API_MATCHES]);
      expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...hosts].sort());
      // Cognito's API hosts serve no page: nothing runs there, webRequest only sees answers.
      for (const api of COGNITO_API_MATCHES) {
        expect(scripts.some((s) => s.matches?.includes(api))).toBe(false);
      }
    }
  });

  it('the matcher used here agrees with the pattern rules', () => {
    expect(patternMatches('http://127.0.0.1/*', 'http://127.0.0.1:4000/x')).toBe(true);
    expect(patternMatches('*://*/*', 'http://localhost:5173/')).toBe(true);
    expect(patternMatches('<all_urls>', 'http://127.0.0.1/')).toBe(true);
    expect(
      patternMatches('https://*.auth.us-east-1.amazoncognito.com/*', 'http://127.0.0.1/'),
    ).toBe(false);
    expect(
      patternMatches(
        'https://*.auth.us-east-1.amazoncognito.com/*',
        'https://demo.auth.us-east-1.amazoncognito.com/login',
      ),
    ).toBe(true);
    expect(patternMatches('http://localhost:8080/*', 'http://localhost:5173/')).toBe(false);
  });
});

/**
 * Every script file an extension page runs: the scripts and module preloads its HTML names, and
 * every chunk they import, statically or on demand (`import("./x.js")`), followed through.
 */
function pageScripts(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const found = new Set<string>();
  const pending = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [, specifier] of code.matchAll(
      /(?:from|import)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g,
    )) {
      pending.push(join(dirname(file), specifier!));
    }
  }
  return [...found].sort();
}

/**
 * The files an extension page's HTML has the browser fetch as it loads: scripts, module
 * preloads, stylesheets (a disabled stylesheet link is not fetched).
 */
function pageFiles(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  return [
    ...html.matchAll(/<(?:script|link)\b([^>]*?)(?:src|href)="\/?([^"]+\.(?:js|css))"([^>]*)>/g),
  ]
    .filter(([, before, , after]) => !/\bdisabled\b/.test(`${before} ${after}`))
    .map((match) => match[2]!);
}

/**
 * Most files popup.html may fetch before its first paint: the early script, the popup's module
 * and the chunk it shares with the options page (scripts/build/page-html.ts; issue 10).
 */
const POPUP_MAX_FILES = 3;

/** The polyfill's own module name, which its UMD wrapper keeps in the bundle. */
const POLYFILL_MARK = 'webextension-polyfill';

describe.each(ALL_BROWSERS)('scripts of the %s release build', (name) => {
  // docs/architecture.md §2: the popup and options page call the browser's own promise API
  // (src/ui/page-browser.ts); the polyfill is 10 kB the popup would fetch and run first.
  it.each(['popup.html', 'options.html'])('%s loads no webextension-polyfill', (page) => {
    const dist = productionDist(name);
    const scripts = pageScripts(dist, page);
    expect(scripts.length).toBeGreaterThan(1);
    const withPolyfill = scripts.filter((file) =>
      readFileSync(join(dist, file), 'utf8').includes(POLYFILL_MARK),
    );
    expect(withPolyfill).toEqual([]);
  });

  // Issue 10: each file is a request through the extension's loader before the popup paints.
  it(`popup.html fetches at most ${POPUP_MAX_FILES} files, its stylesheet written inside`, () => {
    const dist = productionDist(name);
    const files = pageFiles(dist, 'popup.html');
    expect(files).toContain('popup-early.js');
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(POPUP_MAX_FILES);
    expect(files.filter((file) => file.endsWith('.css'))).toEqual([]);
    expect(readFileSync(join(dist, 'popup.html'), 'utf8')).toMatch(/<style>[^<]*\.account/);
  });

  it.each(['popup.html', 'options.html', 'offscreen.html'])('%s fetches no empty file', (page) => {
    const dist = productionDist(name);
    if (!existsSync(join(dist, page))) return; // the offscreen page is Chromium's only
    const files = pageFiles(dist, page);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => statSync(join(dist, file)).size === 0)).toEqual([]);
  });

  it('finds the polyfill where it is kept: in the background', () => {
    const dist = productionDist(name);
    expect(readFileSync(join(dist, 'background.js'), 'utf8')).toContain(POLYFILL_MARK);
  });
});

/**
 * Warnings Firefox's add-on linter may give the release build, each explained in the README:
 * Preact's renderer contains the `innerHTML` assignment behind `dangerouslySetInnerHTML`, which
 * Keyfob never uses. Recognised by the chunk holding Preact's renderer, whatever the bundler
 * names it (the chunk split moves as pages are loaded lazily).
 */
const EXPLAINED_LINT_WARNINGS = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    explains: (dist: string, file: string) =>
      file.startsWith('chunks/') &&
      readFileSync(join(dist, file), 'utf8').includes('dangerouslySetInnerHTML'),
  },
];

/** Keyfob's own source files (not tests), for what the explanation above promises. */
function ownSources(dir: string): string[] {
  return readdirSync(projectPath(dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(dir, file));
}

interface LintMessage {
  code: string;
  file?: string;
}

describe('web-ext lint of the Firefox release build', () => {
  it('reports no error, and no warning the README does not explain', () => {
    const dist = productionDist('firefox');
    const run = spawnSync(
      'npx',
      ['web-ext', 'lint', '--source-dir', dist, '--output', 'json', '--no-input'],
      { encoding: 'utf8', cwd: projectPath('.') },
    );
    const report = JSON.parse(run.stdout) as {
      errors: LintMessage[];
      warnings: LintMessage[];
    };
    expect(report.errors.map((m) => m.code)).toEqual([]);
    const unexplained = report.warnings.filter(
      (m) =>
        !EXPLAINED_LINT_WARNINGS.some(
          (ok) => ok.code === m.code && ok.explains(dist, m.file ?? ''),
        ),
    );
    expect(unexplained.map((m) => `${m.code} ${m.file ?? ''}`)).toEqual([]);
    // The explanation holds only while Keyfob itself never writes HTML as a string.
    const writesHtml = [...ownSources('src'), ...ownSources('entrypoints')].filter((file) =>
      /dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML/.test(
        readFileSync(projectPath(file), 'utf8'),
      ),
    );
    expect(writesHtml).toEqual([]);
  }, 120_000);
});
