// Chromium for the demo (playwright-core, recipe in STACK.md), headed when there is a display.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { saveListingShots } from './listing-shots.mjs';
import { amplifyPageOps, popupOps } from './page-ops.mjs';

export async function launchChromiumDemo(dist, { headless }) {
  const profile = await mkdtemp(join(tmpdir(), 'keyfob-demo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1000, height: 760 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const closedPromise = new Promise((resolve) => context.on('close', resolve));
  return {
    async openPopup() {
      const page = await context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`${origin}/popup.html`);
      return popupOps(page);
    },
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      await page.bringToFront();
      return amplifyPageOps(page);
    },
    /** Store listing screenshots into `dir` (see listing-shots.mjs). */
    listingShots: (dir) => saveListingShots(context, origin, dir),
    closed: () => closedPromise,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
