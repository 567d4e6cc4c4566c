// Which content scripts of a built manifest run on a URL, and how many bytes they are.
// Match patterns as Chromium reads them: https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

function globToRegExp(glob) {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** True when the match pattern `pattern` covers `url` (a port in the URL never matters). */
export function matchesPattern(pattern, url) {
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1);
  if (pattern === '<all_urls>')
    return ['http', 'https', 'file', 'ftp', 'ws', 'wss'].includes(scheme);
  const m = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`not a match pattern: ${pattern}`);
  const [, pScheme, pHost, pPath] = m;
  if (pScheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(scheme) : pScheme !== scheme) {
    return false;
  }
  const host = u.hostname;
  const pHostName = pHost.replace(/:\d+$/, '');
  if (pHostName !== '*') {
    if (pHostName.startsWith('*.')) {
      const base = pHostName.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (pHostName !== host) {
      return false;
    }
  }
  return globToRegExp(pPath).test(u.pathname + u.search);
}

/** Reads `<dist>/manifest.json`. */
export function readManifest(dist) {
  return JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
}

/** The content_scripts entries of `manifest` that Chromium would inject into `url`. */
export function contentScriptsFor(manifest, url) {
  return (manifest.content_scripts ?? []).filter(
    (entry) =>
      (entry.matches ?? []).some((p) => matchesPattern(p, url)) &&
      !(entry.exclude_matches ?? []).some((p) => matchesPattern(p, url)),
  );
}

/**
 * The JS files injected into `url` by the build in `dist`: one row per file with its world,
 * run_at, raw size and gzip size (level 9).
 */
export function injectedScriptBytes(dist, url) {
  const manifest = readManifest(dist);
  const rows = [];
  for (const entry of contentScriptsFor(manifest, url)) {
    for (const file of entry.js ?? []) {
      const bytes = readFileSync(path.join(dist, file));
      rows.push({
        file,
        world: entry.world ?? 'ISOLATED',
        runAt: entry.run_at ?? 'document_idle',
        bytes: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
      });
    }
  }
  return rows;
}
