import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, ElementHandle, KeyInput, Page } from 'puppeteer-core';
import type { ExtensionDriver } from './driver';
import type { WindowOptions } from './driver';
import { ProfileDriver, startTracked, windowEnv } from './driver';
import { helperCall } from './dom-helpers';
import { BROWSER_BINARIES, e2eContext, readManifest } from './env';
import type { UiAdapter } from './popup-page';
import { PopupPage } from './popup-page';
import { makeTempDir } from './temp';
import { waitFor } from './wait';

/** The moz-extension:// UUID the suite pins for the add-on (any fixed UUID works). */
export const FIREFOX_EXTENSION_UUID = '4b7e2c1a-9f3d-4e58-a6b0-5c2d8e1f7a93';

/** Options for {@link launchFirefox}. */
export interface FirefoxLaunchOptions extends WindowOptions {
  /** Unpacked build to install (default: the run's snapshot of .output/firefox-mv3). */
  dist?: string;
}

/** The popup's UI steps over a Puppeteer page (also used by the enrollment driver). */
export class PuppeteerUi implements UiAdapter {
  constructor(private readonly page: Page) {}

  // Like Playwright's actions, these wait for the element: the popup renders asynchronously.
  async fill(label: string, value: string): Promise<void> {
    await waitFor(
      async () => {
        if (!(await this.evaluate<boolean>(helperCall('fill', label, value)))) {
          throw new Error(`field ${JSON.stringify(label)} did not take the value`);
        }
        return true;
      },
      { timeoutMs: 10_000, what: `a field named ${JSON.stringify(label)} to fill` },
    );
  }

  async click(name: string): Promise<void> {
    await waitFor(
      async () => {
        const handle = await this.page.evaluateHandle(helperCall('button', name));
        const element = handle.asElement() as ElementHandle<Element> | null;
        if (!element) {
          await handle.dispose();
          throw new Error(`no visible button named ${JSON.stringify(name)}`);
        }
        try {
          await element.click();
        } finally {
          await element.dispose().catch(() => undefined);
        }
        return true;
      },
      { timeoutMs: 10_000, what: `a button named ${JSON.stringify(name)} to click` },
    );
  }

  // The page helper's fill sets a select's value and sends the change event, as choosing does.
  select(label: string, value: string): Promise<void> {
    return this.fill(label, value);
  }

  async pressKeys(chord: string): Promise<void> {
    const keys = chord.split('+') as KeyInput[];
    const key = keys.pop()!;
    for (const modifier of keys) await this.page.keyboard.down(modifier);
    await this.page.keyboard.press(key);
    for (const modifier of keys.reverse()) await this.page.keyboard.up(modifier);
  }

  helper<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.evaluate<T>(helperCall(method, ...args));
  }

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key as KeyInput);
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, with the build installed as a
 * temporary add-on under a pinned moz-extension:// UUID.
 */
export class FirefoxDriver extends ProfileDriver implements ExtensionDriver {
  readonly name = 'firefox' as const;
  readonly extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  protected browser: Browser | undefined;

  constructor(
    profileDir: string,
    protected readonly dist: string,
    protected readonly geckoId: string,
    protected readonly popupPath: string,
    protected readonly display?: string,
  ) {
    super(profileDir);
  }

  async start(): Promise<void> {
    this.browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: BROWSER_BINARIES.firefox,
      headless: !this.display,
      ...windowEnv(this.display),
      userDataDir: this.profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({
          [this.geckoId]: FIREFOX_EXTENSION_UUID,
        }),
        // The profile scan must see what the add-on wrote, even if Firefox uninstalls the
        // temporary add-on while shutting down.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
      },
    });
    const installed = await this.browser.installExtension(this.dist);
    if (installed !== this.geckoId) {
      throw new Error(`installed add-on id ${installed}, expected ${this.geckoId}`);
    }
  }

  protected get live(): Browser {
    if (!this.browser) throw new Error('Firefox is not running');
    return this.browser;
  }

  async openPopup(): Promise<PopupPage> {
    return new PopupPage('firefox', new PuppeteerUi(await this.openExtensionPage()));
  }

  async openExtensionTab(path: string): Promise<PopupPage> {
    return new PopupPage('firefox', new PuppeteerUi(await this.openExtensionPage(path)));
  }

  /** A new tab with an extension page (the popup's by default) loaded and rendered. */
  protected async openExtensionPage(path = this.popupPath): Promise<Page> {
    const page = await this.live.newPage();
    const url = `${this.extensionOrigin}/${path}`;
    // A moz-extension:// navigation never reports its load event over BiDi: start it, do not
    // wait for it, and poll the DOM instead. The pending promise settles when the tab closes.
    page.goto(url, { timeout: 0 }).catch(() => undefined);
    await waitFor(
      () =>
        page.evaluate(
          `location.href === ${JSON.stringify(url)} && document.readyState === 'complete' &&
           !!document.querySelector('#app') && document.querySelector('#app').hasChildNodes()`,
        ) as Promise<boolean>,
      { what: `${url} to load and render into #app` },
    );
    return page;
  }

  extensionDataDirs(): string[] {
    const storage = join(this.profileDir, 'storage', 'default');
    if (!existsSync(storage)) return [];
    const prefix = `moz-extension+++${FIREFOX_EXTENSION_UUID}`;
    return readdirSync(storage)
      .filter((name) => name === prefix || name.startsWith(`${prefix}^`))
      .map((name) => join(storage, name));
  }

  override async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (!browser) return;
    const child = browser.process();
    await browser.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    }
  }
}

/** Starts Firefox ESR on a fresh profile with the extension installed. */
export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<ExtensionDriver> {
  const dist = options.dist ?? e2eContext().firefoxDist;
  const manifest = readManifest(dist);
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${dist}/manifest.json has no browser_specific_settings.gecko.id`);
  const popupPath = manifest.action?.default_popup ?? 'popup.html';
  const driver = new FirefoxDriver(
    makeTempDir('firefox-profile'),
    dist,
    geckoId,
    popupPath,
    options.display,
  );
  return startTracked(driver);
}
