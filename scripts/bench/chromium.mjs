// Headless Chromium with an unpacked build loaded, following ../shared/STACK.md.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { readManifest } from './manifest.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Launches Chromium on a fresh profile with a snapshot of `dist` loaded (copied to a temp dir,
 * so a rebuild elsewhere cannot change it under the browser), plus `extraFiles` (name → text)
 * written into the copy. Returns the context, the extension id and helpers; `close()` removes
 * the profile and the snapshot.
 */
export async function launchWithExtension(dist, { label = 'ext', extraFiles = {} } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), `keyfob-bench-${label}-`));
  const snapshot = path.join(root, 'dist');
  const profile = path.join(root, 'profile');
  let context;
  const close = async () => {
    await context?.close().catch(() => {});
    context = undefined;
    await rm(root, { recursive: true, force: true }).catch(() => {});
  };
  try {
    await cp(dist, snapshot, { recursive: true });
    for (const [name, text] of Object.entries(extraFiles)) {
      await writeFile(path.join(snapshot, name), text);
    }
    const manifest = readManifest(snapshot);
    const workerScript = manifest.background?.service_worker;
    if (!workerScript) throw new Error(`${dist}/manifest.json has no background.service_worker`);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        `--disable-extensions-except=${snapshot}`,
        `--load-extension=${snapshot}`,
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    const worker =
      context.serviceWorkers().find((w) => w.url().endsWith(`/${workerScript}`)) ??
      (await context.waitForEvent('serviceworker', {
        timeout: 20_000,
        predicate: (w) => w.url().endsWith(`/${workerScript}`),
      }));
    const extensionId = new URL(worker.url()).host;
    const origin = `chrome-extension://${extensionId}`;

    /** Runs `body(cdp)` with a CDP session on a throwaway blank tab. */
    async function withCdp(body) {
      const page = await context.newPage();
      try {
        const cdp = await context.newCDPSession(page);
        try {
          return await body(cdp);
        } finally {
          await cdp.detach().catch(() => {});
        }
      } finally {
        await page.close().catch(() => {});
      }
    }

    /** Stops the extension's service worker and waits until CDP reports it stopped. */
    async function stopServiceWorker() {
      await withCdp(async (cdp) => {
        const statuses = new Map();
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          for (const v of versions) {
            if (v.scriptURL.startsWith(`${origin}/`)) statuses.set(v.versionId, v.runningStatus);
          }
        });
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        const deadline = Date.now() + 10_000;
        while (
          !(statuses.size > 0 && [...statuses.values()].every((s) => s === 'stopped')) &&
          Date.now() < deadline
        ) {
          await sleep(25);
        }
        await cdp.send('ServiceWorker.disable').catch(() => {});
        if (![...statuses.values()].every((s) => s === 'stopped') || statuses.size === 0) {
          throw new Error(`service worker did not stop: ${JSON.stringify([...statuses])}`);
        }
      });
    }

    return {
      context,
      extensionId,
      origin,
      name: manifest.name,
      manifest,
      stopServiceWorker,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
