// Client pages built from the real client libraries, each served on its own loopback origin
// (127.0.0.1, its own ephemeral port). The Cognito endpoint and pools are handed to the pages at
// runtime through /config.json, never built in. See test/rig/README.md.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHostedServer } from './hosted.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pagesDir = path.join(here, 'pages');
const distDir = path.join(pagesDir, 'dist');
const require = createRequire(import.meta.url);

/** Built pages: directory name under pages/ and the pool each uses unless ?pool= says otherwise. */
export const BUILT_PAGES = {
  'amplify-ui': { defaultPool: 'required' },
  'amplify-api': { defaultPool: 'optional' },
  'identity-js': { defaultPool: 'required' },
};

const LIBS = [
  'aws-amplify',
  '@aws-amplify/ui-react',
  'amazon-cognito-identity-js',
  'react',
  'react-dom',
  'qrcode',
  'vite',
];

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

async function contentHash(name) {
  const h = createHash('sha256');
  h.update(await readFile(fileURLToPath(import.meta.url)));
  for (const dir of [path.join(pagesDir, name), path.join(pagesDir, 'shared')]) {
    for (const file of await listFiles(dir)) {
      h.update(path.relative(pagesDir, file));
      h.update(await readFile(file));
    }
  }
  for (const lib of LIBS) {
    try {
      h.update(`${lib}@${require(`${lib}/package.json`).version}`);
    } catch {
      h.update(`${lib}@?`);
    }
  }
  return h.digest('hex');
}

/**
 * Builds one page with vite into pages/dist/<name>/, unless the build there was made from the
 * same sources and library versions (content hash in .rig-build-hash).
 */
export async function buildPage(name, { force = false } = {}) {
  const outDir = path.join(distDir, name);
  const hash = await contentHash(name);
  const stamp = path.join(outDir, '.rig-build-hash');
  if (!force) {
    try {
      if ((await readFile(stamp, 'utf8')) === hash) return { outDir, built: false };
    } catch {
      // not built yet
    }
  }
  const { build } = await import('vite');
  const tmpOut = path.join(distDir, `.tmp-${name}-${process.pid}-${Date.now()}`);
  try {
    await build({
      configFile: false,
      root: path.join(pagesDir, name),
      base: './',
      publicDir: false,
      logLevel: 'warn',
      define: { global: 'globalThis' },
      build: {
        outDir: tmpOut,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 100000,
        rollupOptions: {
          onwarn(warning, warn) {
            // "use client" directives in UI libraries are irrelevant to a client-only bundle.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
    });
  } catch (err) {
    await rm(tmpOut, { recursive: true, force: true });
    throw err;
  }
  await writeFile(path.join(tmpOut, '.rig-build-hash'), hash);
  // Another process (a second e2e runner started by hand) may have built the same page in the
  // meantime, and be serving it: keep its build rather than delete it under its server.
  const builtMeanwhile = async () => (await readFile(stamp, 'utf8').catch(() => '')) === hash;
  if (!force && (await builtMeanwhile())) {
    await rm(tmpOut, { recursive: true, force: true });
    return { outDir, built: false };
  }
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(tmpOut, outDir);
  } catch (err) {
    await rm(tmpOut, { recursive: true, force: true });
    // The other process's rename came between our rm and ours.
    if ((err.code === 'ENOTEMPTY' || err.code === 'EEXIST') && (await builtMeanwhile())) {
      return { outDir, built: false };
    }
    throw err;
  }
  return { outDir, built: true };
}

/** Builds every page that needs it (sequentially: the machine has 2 cores). */
export async function buildPages({ force = false } = {}) {
  await mkdir(distDir, { recursive: true });
  const results = {};
  for (const name of Object.keys(BUILT_PAGES)) results[name] = await buildPage(name, { force });
  return results;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** A static server for one built page on 127.0.0.1:<ephemeral>, plus /config.json. */
export async function serveStatic(root, config) {
  const configJson = JSON.stringify(config);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(configJson);
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      let file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root + path.sep)) {
        res.writeHead(403);
        res.end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (!info?.isFile() && !path.extname(rel)) {
        file = path.join(root, 'index.html'); // client-side routes
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(await readFile(file));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * Builds (if needed) and serves the client pages, each on its own origin.
 * @param {{
 *   cognitoEndpoint: string,
 *   pools: Record<string, { userPoolId: string, clientId: string }>,
 *   issuer?: string,
 *   rebuild?: boolean,
 * }} options  `pools` is usually the rig's `pools` (keys required / optional / off).
 */
export async function startClientPages({
  cognitoEndpoint,
  pools,
  issuer = 'KeyfobDemo',
  rebuild = false,
}) {
  if (!cognitoEndpoint) throw new Error('startClientPages: cognitoEndpoint is required');
  if (!pools) throw new Error('startClientPages: pools is required (e.g. rig.pools)');
  const poolIds = Object.fromEntries(
    Object.entries(pools).map(([k, p]) => [k, { userPoolId: p.userPoolId, clientId: p.clientId }]),
  );
  await buildPages({ force: rebuild });
  const servers = [];
  const urls = {};
  try {
    for (const [name, { defaultPool }] of Object.entries(BUILT_PAGES)) {
      const s = await serveStatic(path.join(distDir, name), {
        endpoint: cognitoEndpoint,
        pools: poolIds,
        defaultPool,
        issuer,
      });
      servers.push(s.server);
      urls[name] = s.url;
    }
    const hosted = await startHostedServer({
      endpoint: cognitoEndpoint,
      pools: poolIds,
      defaultPool: 'required',
      issuer,
    });
    servers.push(hosted.server);
    urls.hosted = hosted.url;
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  let stopped = false;
  return {
    amplifyUi: urls['amplify-ui'],
    amplifyApi: urls['amplify-api'],
    identityJs: urls['identity-js'],
    hosted: urls.hosted,
    /** Page URLs by page name. */
    urls,
    /** Origins (scheme://host:port) by page name. */
    origins: Object.fromEntries(Object.entries(urls).map(([k, u]) => [k, new URL(u).origin])),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(servers.map(closeServer));
    },
  };
}
