// Firefox ESR for the demo (puppeteer-core over WebDriver BiDi, recipe in STACK.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { amplifyPageOps, popupOps } from './page-ops.mjs';

const GECKO_ID = 'keyfob@keyfob.dev';
const UUID = '5a1e7c2e-6f0b-4f4e-9a53-0d1f6b0c9d21';

export async function launchFirefoxDemo(dist, { headless }) {
  const profile = await mkdtemp(join(tmpdir(), 'keyfob-demo-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  await browser.installExtension(dist);
  const closedPromise = new Promise((resolve) => browser.on('disconnected', resolve));
  return {
    async openPopup() {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 600 });
      // moz-extension:// navigations never report load: start it, then let the steps poll.
      void page.goto(`moz-extension://${UUID}/popup.html`).catch(() => {});
      return popupOps(page);
    },
    async openPage(url) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 760 });
      await page.goto(url);
      await page.bringToFront();
      return amplifyPageOps(page);
    },
    closed: () => closedPromise,
    async close() {
      await browser.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
