import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  READ_IDB_CANARY_EXPRESSION,
  plantCanaryFile,
  randomCanary,
  writeIdbCanaryExpression,
} from './support/canary';
import { selectedBrowsers } from './support/env';
import { disposeAllDrivers, launchDriver } from './support/launch';
import { waitFor } from './support/wait';
import { formatHits, scanForSecrets, stringNeedles } from './support/scan';

// Proves the harness itself, independently of what the extension does: the build loads, the
// popup page opens on the extension's origin, the profile scan sees what extension pages
// store, and (Chromium) the service worker really restarts and restart() keeps the profile.

afterEach(async () => {
  await disposeAllDrivers();
});

describe.each(selectedBrowsers())('harness in %s', (browserName) => {
  it('loads the extension and renders the popup on the extension origin', async () => {
    const driver = await launchDriver(browserName);
    const scheme = browserName === 'chromium' ? 'chrome-extension:' : 'moz-extension:';
    expect(driver.extensionOrigin.startsWith(`${scheme}//`)).toBe(true);

    const popup = await driver.openPopup();
    expect(await popup.evaluate<string>('location.origin')).toBe(driver.extensionOrigin);
    expect(await popup.evaluate<string>('location.pathname')).toBe('/popup.html');
    // The popup renders once its language catalogue is in: wait for that, don't race it.
    const html = await waitFor(
      async () =>
        (await popup.evaluate<string>("document.querySelector('#app').innerHTML")) || false,
      { what: 'the popup to render into #app' },
    );
    expect(html.length).toBeGreaterThan(0);
    // Extension APIs are there: the page is a real extension page, not a file.
    expect(
      await popup.evaluate<string>('(globalThis.browser ?? globalThis.chrome).runtime.id'),
    ).toBeTruthy();
    // A second popup opens beside the first (scenarios reopen the popup).
    const second = await driver.openPopup();
    await second.close();
    await popup.close();
  });

  it("finds what the extension's pages store in IndexedDB when scanning the closed profile", async () => {
    const driver = await launchDriver(browserName);
    const popup = await driver.openPopup();
    const stored = randomCanary(`${browserName}-idb`);
    expect(await popup.evaluate<boolean>(writeIdbCanaryExpression(stored))).toBe(true);
    await driver.close();

    expect(existsSync(driver.profileDir)).toBe(true);
    expect(driver.extensionDataDirs().length).toBeGreaterThan(0);
    const planted = randomCanary(`${browserName}-file`);
    plantCanaryFile(driver.profileDir, planted);
    const absent = randomCanary('absent');
    const report = await scanForSecrets(driver.profileDir, [
      ...stringNeedles('idb canary', stored),
      ...stringNeedles('planted', planted),
      ...stringNeedles('absent', absent),
    ]);
    console.log(
      `[harness] ${browserName} profile: ${report.filesScanned} files, ` +
        `${(report.bytesScanned / 1e6).toFixed(1)} MB\n${formatHits(report.hits)}`,
    );
    expect(report.unreadable).toEqual([]);
    const hitNeedles = new Set(report.hits.map((hit) => hit.needle.replace(/ \(.*\)$/, '')));
    expect(hitNeedles).toEqual(new Set(['idb canary', 'planted']));
    const idbFiles = report.hits.filter((hit) => hit.needle.startsWith('idb canary'));
    const dataDirs = driver
      .extensionDataDirs()
      .map((dir) => dir.slice(driver.profileDir.length + 1));
    expect(idbFiles.some((hit) => dataDirs.some((dir) => hit.file.startsWith(dir)))).toBe(true);
  });

  if (browserName === 'chromium') {
    it('stops the service worker through CDP and a new instance starts', async () => {
      const driver = await launchDriver(browserName);
      const first = await driver.serviceWorkerInstance!();
      expect(await driver.serviceWorkerInstance!()).toBe(first);
      await driver.stopServiceWorker!();
      expect(await driver.serviceWorkerStatus!()).toBe('stopped');
      const second = await driver.serviceWorkerInstance!();
      expect(second).not.toBe(first);

      // Opening an extension page (in the worker's scope) brings a stopped worker back.
      await driver.stopServiceWorker!();
      await driver.openPopup();
      await waitFor(async () => (await driver.serviceWorkerStatus!()) === 'running', {
        what: 'opening the popup to start the worker',
      });
      const third = await driver.serviceWorkerInstance!();
      expect(third).not.toBe(second);
    });

    it('restart() relaunches on the same profile', async () => {
      const driver = await launchDriver(browserName);
      const origin = driver.extensionOrigin;
      const stored = randomCanary('restart');
      const popup = await driver.openPopup();
      await popup.evaluate(writeIdbCanaryExpression(stored));
      await driver.restart!();
      expect(driver.extensionOrigin).toBe(origin);
      const again = await driver.openPopup();
      expect(await again.evaluate<string | null>(READ_IDB_CANARY_EXPRESSION)).toBe(stored);
    });
  }
});
