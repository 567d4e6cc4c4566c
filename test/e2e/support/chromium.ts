import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Locator, Page, Worker } from 'playwright-core';
import type { ExtensionDriver } from './driver';
import type { WindowOptions } from './driver';
import { ProfileDriver, startTracked, windowEnv } from './driver';
import { helperCall } from './dom-helpers';
import { BROWSER_BINARIES, e2eContext, readManifest } from './env';
import type { Point, UiAdapter } from './popup-page';
import { PopupPage } from './popup-page';
import { makeTempDir } from './temp';
import { waitFor, withTimeout } from './wait';

/** Options for {@link launchChromium}. */
export interface ChromiumLaunchOptions extends WindowOptions {
  /** Unpacked build to load (default: the run's snapshot of .output/chrome-mv3). */
  dist?: string;
}

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

const INSTANCE_SNIPPET = `globalThis.__keyfobE2eInstance ??= crypto.randomUUID()`;

/** The popup's UI steps over a Playwright page (also used by the enrollment driver). */
export class PlaywrightUi implements UiAdapter {
  constructor(private readonly page: Page) {}

  private visibleOne(locator: Locator): Locator {
    return locator.filter({ visible: true });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.visibleOne(this.page.getByLabel(label, { exact: true })).fill(value);
  }

  async click(name: string): Promise<void> {
    const button = this.page.getByRole('button', { name, exact: true });
    const tab = this.page.getByRole('tab', { name, exact: true });
    await this.visibleOne(button.or(tab)).click();
  }

  async select(label: string, value: string): Promise<void> {
    await this.visibleOne(this.page.getByLabel(label, { exact: true })).selectOption(value);
  }

  async pressKeys(chord: string): Promise<void> {
    await this.page.keyboard.press(chord);
  }

  async drag(from: Point, to: Point, steps: number): Promise<void> {
    const { mouse } = this.page;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(to.x, to.y, { steps });
    await mouse.up();
  }

  helper<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate<T>(helperCall(method, ...args));
  }

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async emulateColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: scheme });
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression);
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}

/** Chromium through playwright-core, with the unpacked build loaded by command-line flags. */
export class ChromiumDriver extends ProfileDriver implements ExtensionDriver {
  readonly name = 'chromium' as const;
  protected context: BrowserContext | undefined;
  protected extensionId = '';

  constructor(
    profileDir: string,
    protected readonly dist: string,
    protected readonly workerScript: string,
    protected readonly popupPath: string,
    protected readonly display?: string,
  ) {
    super(profileDir);
  }

  /** Command-line flags beyond the profile (a subclass may add its own). */
  protected launchArgs(): string[] {
    return [
      ...(this.display ? [] : ['--headless=new']),
      '--no-sandbox',
      `--disable-extensions-except=${this.dist}`,
      `--load-extension=${this.dist}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ];
  }

  get extensionOrigin(): string {
    return `chrome-extension://${this.extensionId}`;
  }

  async start(): Promise<void> {
    const context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: BROWSER_BINARIES.chromium,
      headless: false,
      args: this.launchArgs(),
      ...windowEnv(this.display),
    });
    this.context = context;
    if (!this.extensionId) {
      // The worker starts on install; its URL's host is the extension id.
      const worker = await this.findWorker(20_000);
      this.extensionId = new URL(worker.url()).host;
    }
  }

  protected get ctx(): BrowserContext {
    if (!this.context) throw new Error('Chromium is not running');
    return this.context;
  }

  private ourWorkers(): Worker[] {
    return this.ctx.serviceWorkers().filter((worker) => {
      const url = new URL(worker.url());
      return (
        url.protocol === 'chrome-extension:' &&
        url.pathname === `/${this.workerScript}` &&
        (!this.extensionId || url.host === this.extensionId)
      );
    });
  }

  protected async findWorker(timeoutMs: number): Promise<Worker> {
    const existing = this.ourWorkers().at(-1);
    if (existing) return existing;
    const worker = await this.ctx.waitForEvent('serviceworker', {
      timeout: timeoutMs,
      predicate: (w) => w.url().endsWith(`/${this.workerScript}`),
    });
    return worker;
  }

  async openPopup(): Promise<PopupPage> {
    return this.openExtensionTab(this.popupPath);
  }

  async openExtensionTab(path: string): Promise<PopupPage> {
    const page = await this.ctx.newPage();
    await page.goto(`${this.extensionOrigin}/${path}`);
    await waitFor(() => page.evaluate(() => document.querySelector('#app')?.hasChildNodes()), {
      what: `${path} to render into #app`,
    });
    return new PopupPage('chromium', new PlaywrightUi(page));
  }

  extensionDataDirs(): string[] {
    const base = join(this.profileDir, 'Default');
    return [
      join(base, 'IndexedDB', `chrome-extension_${this.extensionId}_0.indexeddb.leveldb`),
      join(base, 'IndexedDB', `chrome-extension_${this.extensionId}_0.indexeddb.blob`),
      join(base, 'Local Extension Settings', this.extensionId),
    ].filter((dir) => existsSync(dir));
  }

  /** Runs `body` with a CDP session on a throwaway blank tab. */
  protected async withCdp<T>(body: (cdp: CDPSession) => Promise<T>): Promise<T> {
    const page = await this.ctx.newPage();
    try {
      const cdp = await this.ctx.newCDPSession(page);
      try {
        return await body(cdp);
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    } finally {
      await page.close();
    }
  }

  async stopServiceWorker(): Promise<void> {
    await this.withCdp(async (cdp) => {
      const statuses = new Map<string, WorkerVersion['runningStatus']>();
      cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
        for (const version of event.versions) {
          if (version.scriptURL.startsWith(`${this.extensionOrigin}/`)) {
            statuses.set(version.versionId, version.runningStatus);
          }
        }
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(
        () => statuses.size > 0 && [...statuses.values()].every((status) => status === 'stopped'),
        {
          timeoutMs: 10_000,
          what: `the extension's service worker to report "stopped" (seen: ${JSON.stringify([
            ...statuses,
          ])})`,
        },
      );
      await cdp.send('ServiceWorker.disable');
    });
  }

  async serviceWorkerStatus(): Promise<string> {
    return this.withCdp(async (cdp) => {
      let status: string | undefined;
      cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
        for (const version of event.versions) {
          if (version.scriptURL.startsWith(`${this.extensionOrigin}/`)) {
            status = version.runningStatus;
          }
        }
      });
      await cdp.send('ServiceWorker.enable');
      try {
        return await waitFor(() => status, {
          timeoutMs: 5_000,
          what: "CDP to report the extension's service worker",
        });
      } finally {
        await cdp.send('ServiceWorker.disable');
      }
    });
  }

  async serviceWorkerInstance(): Promise<string> {
    // Playwright keeps one Worker object across restarts, and evaluating in a stopped worker
    // waits forever: start the worker first (a no-op when it runs), and bound the evaluation.
    await this.withCdp(async (cdp) => {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `${this.extensionOrigin}/` });
      await cdp.send('ServiceWorker.disable');
    });
    const worker = await this.findWorker(10_000);
    return withTimeout(
      worker.evaluate<string>(INSTANCE_SNIPPET),
      10_000,
      'evaluating in the service worker',
    );
  }

  async restart(): Promise<void> {
    await this.close();
    await this.start();
  }

  override async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    await context?.close();
  }
}

/** Starts Chromium on a fresh profile with the extension loaded. */
export async function launchChromium(
  options: ChromiumLaunchOptions = {},
): Promise<ExtensionDriver> {
  const dist = options.dist ?? e2eContext().chromeDist;
  const manifest = readManifest(dist);
  const workerScript = manifest.background?.service_worker;
  if (!workerScript) throw new Error(`${dist}/manifest.json has no background.service_worker`);
  const popupPath = manifest.action?.default_popup ?? 'popup.html';
  const driver = new ChromiumDriver(
    makeTempDir('chromium-profile'),
    dist,
    workerScript,
    popupPath,
    options.display,
  );
  return startTracked(driver);
}
