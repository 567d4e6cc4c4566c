import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type {
  Browser as PptrBrowser,
  Page as PptrPage,
  Target as PptrTarget,
  ConsoleMessage as PptrConsoleMessage,
} from 'puppeteer-core';
import type { Page as PwPage, Worker } from 'playwright-core';
import type { ExtensionDriver, WindowOptions } from './driver';
import { startTracked } from './driver';
import type { BrowserName } from './env';
import { readManifest } from './env';
import { ChromiumDriver } from './chromium';
import { FirefoxDriver, PuppeteerUi } from './firefox';
import { PopupPage } from './popup-page';
import { makeTempDir } from './temp';
import { waitFor, withTimeout } from './wait';

/**
 * A browser with the e2e build of Keyfob that can also open ordinary web pages (the rig's
 * client pages) in the same profile, so the content scripts run there. In Chromium it extends
 * the vault harness's driver (chromium.ts). It implements {@link ExtensionDriver} and is
 * tracked, so `disposeAllDrivers()` cleans it up after a failure too.
 */

/** An ordinary web page, driven the same way in every browser. */
export interface WebPage {
  readonly browser: BrowserName;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  url(): string;
  /** Evaluates an expression (source text) in the page's main world; promises are awaited. */
  evaluate<T>(expression: string): Promise<T>;
  /** Types into the one element matching `selector` (clears it first), like a person would. */
  type(selector: string, value: string): Promise<void>;
  /** Clicks the first visible element matching `selector`. */
  click(selector: string): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /** The page's console messages and uncaught errors so far (for failure reports). */
  readonly logs: string[];
}

/** One tab's action badge. */
export interface TabBadge {
  tabId: number;
  /** The tab's URL when the extension may see it (its own pages), else null. */
  url: string | null;
  badge: string;
}

const BADGES_SOURCE = (api: string, skipUrl: string) => `(async () => {
  const tabs = await ${api}.tabs.query({});
  const out = [];
  for (const tab of tabs) {
    if (tab.url === ${JSON.stringify(skipUrl)}) continue;
    out.push({ tabId: tab.id, url: tab.url ?? null, badge: await ${api}.action.getBadgeText({ tabId: tab.id }) });
  }
  return out;
})()`;

/** {@link ExtensionDriver} plus web pages and a trusted extension context. */
export interface EnrollmentBrowser extends ExtensionDriver {
  /** Opens `url` in a new tab and waits for its load event. */
  openPage(url: string): Promise<WebPage>;
  /**
   * The action badge of every tab (Chromium: read in the service worker; Firefox: in an
   * extension page). Keyfob has no "tabs" permission and content-script matches do not
   * reveal a page's URL, so `url` is null for web pages: tell them apart by elimination.
   */
  badges(): Promise<TabBadge[]>;
  /** Evaluates in the background: Chromium's service worker (Firefox: not available). */
  evaluateInBackground?<T>(expression: string): Promise<T>;
  /**
   * Opens the real action popup over the tab in front, as a toolbar click would, so its
   * "Fill code for …" and "Enroll on this page" act on that tab (Chromium only:
   * `action.openPopup()`, driven over CDP; Firefox exposes no popup to automation). Unlike a
   * click it grants no activeTab, so the tab must be one Keyfob may script already.
   */
  openActionPopup?(): Promise<PopupPage>;
  /**
   * Clicks Keyfob's toolbar button over the tab showing `url`, as a person would: the browser
   * grants activeTab for that tab and opens the popup. Chromium: CDP `Extensions.triggerAction`,
   * and the popup returned is the real action popup. Firefox: the browser window's own
   * toolbar-click code runs (it grants activeTab and opens the real popup in its panel), but
   * automation cannot reach that panel, so the popup returned is the same page in a tab kept
   * behind `url`: its requests reach the background exactly as the panel's would.
   */
  clickAction(url: string): Promise<PopupPage>;
  /** Background console lines collected so far (Chromium's service worker). */
  readonly backgroundLogs: string[];
  /**
   * The text on the browser's clipboard, read from outside Keyfob: Chromium reads it in a
   * tab of the extension's origin, granted clipboard-read by automation (Keyfob has no such
   * permission); Firefox in the browser window's own privileged realm.
   */
  readClipboard(): Promise<string>;
}

const WEB_PAGE_LOG_LIMIT = 400;

function pushLog(logs: string[], line: string): void {
  logs.push(line);
  if (logs.length > WEB_PAGE_LOG_LIMIT) logs.splice(0, logs.length - WEB_PAGE_LOG_LIMIT);
}

// ---------------------------------------------------------------------------------------------
// Chromium (playwright-core)

class PlaywrightWebPage implements WebPage {
  readonly browser = 'chromium' as const;
  readonly logs: string[] = [];

  constructor(private readonly page: PwPage) {
    page.on('console', (message) => pushLog(this.logs, `[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => pushLog(this.logs, `[pageerror] ${error.message}`));
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  url(): string {
    return this.page.url();
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression);
  }

  async type(selector: string, value: string): Promise<void> {
    await this.page.locator(selector).fill(value);
  }

  async click(selector: string): Promise<void> {
    await this.page.locator(selector).filter({ visible: true }).first().click();
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}

/**
 * The vault harness's Chromium driver, plus web pages, badges, the worker's console, and the
 * real action popup.
 */
class ChromiumEnrollmentBrowser extends ChromiumDriver implements EnrollmentBrowser {
  readonly backgroundLogs: string[] = [];
  private watchedWorkers = new WeakSet<Worker>();
  private startupPages: PwPage[] = [];
  private cdpBrowser: PptrBrowser | undefined;

  protected override launchArgs(): string[] {
    // For openActionPopup: Playwright does not list action popups, puppeteer does. For
    // clickAction: CDP's Extensions domain exists only with the unsafe-debugging switch.
    return [
      ...super.launchArgs(),
      '--remote-debugging-port=0',
      '--enable-unsafe-extension-debugging',
    ];
  }

  override async start(): Promise<void> {
    await super.start();
    this.ctx.on('serviceworker', (worker) => this.watchWorker(worker));
    for (const worker of this.ctx.serviceWorkers()) this.watchWorker(worker);
    // The startup tab is a tab whose URL Keyfob cannot see: it is closed once the first tab
    // of our own is open, so every such tab is one a test opened (see badges()).
    this.startupPages = this.ctx.pages();
  }

  private watchWorker(worker: Worker): void {
    if (this.watchedWorkers.has(worker)) return;
    this.watchedWorkers.add(worker);
    // Playwright reports service-worker console messages through the context (1.5x+).
    (worker as unknown as { on?: (event: string, cb: (m: unknown) => void) => void }).on?.(
      'console',
      (message: unknown) => {
        const m = message as { type(): string; text(): string };
        pushLog(this.backgroundLogs, `[sw ${m.type()}] ${m.text()}`);
      },
    );
  }

  async evaluateInBackground<T>(expression: string): Promise<T> {
    // Evaluating in a stopped worker waits forever: start it first (a no-op when it runs).
    await this.withCdp(async (cdp) => {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `${this.extensionOrigin}/` });
      await cdp.send('ServiceWorker.disable');
    });
    const worker = await this.findWorker(10_000);
    return withTimeout(worker.evaluate<T>(expression), 10_000, 'evaluating in the service worker');
  }

  badges(): Promise<TabBadge[]> {
    return this.evaluateInBackground<TabBadge[]>(BADGES_SOURCE('chrome', ''));
  }

  async readClipboard(): Promise<string> {
    const page = this.ctx
      .pages()
      .findLast((candidate) => candidate.url().startsWith(`${this.extensionOrigin}/`));
    if (!page) throw new Error('no tab of the extension to read the clipboard in');
    // Playwright takes a chrome-extension:// origin for an opaque one; CDP itself does not.
    const cdp = await this.ctx.browser()!.newBrowserCDPSession();
    try {
      await cdp.send('Browser.grantPermissions', {
        origin: this.extensionOrigin,
        permissions: ['clipboardReadWrite'],
      });
      await page.bringToFront();
      return await page.evaluate(() => navigator.clipboard.readText());
    } finally {
      await cdp.send('Browser.resetPermissions').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    }
  }

  override async openPopup(): Promise<PopupPage> {
    const popup = await super.openPopup();
    await this.closeStartupPages();
    return popup;
  }

  async openActionPopup(): Promise<PopupPage> {
    return this.awaitNewPopup(() => this.evaluateInBackground('chrome.action.openPopup()'));
  }

  async clickAction(url: string): Promise<PopupPage> {
    return this.awaitNewPopup(async () => {
      // Over Playwright's pipe: the Extensions domain is not offered on a port connection.
      const cdp = await this.ctx.browser()!.newBrowserCDPSession();
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets', {
          filter: [{ type: 'tab' }],
        })) as { targetInfos: { targetId: string; type: string; url: string }[] };
        const tab = targetInfos.find((target) => target.type === 'tab' && target.url === url);
        if (!tab) throw new Error(`no tab shows ${url}`);
        const id = new URL(this.extensionOrigin).host;
        await cdp.send(
          'Extensions.triggerAction' as never,
          { id, targetId: tab.targetId } as never,
        );
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    });
  }

  /** Runs `open` and returns the action popup it opened. */
  private async awaitNewPopup(open: () => Promise<unknown>): Promise<PopupPage> {
    if (!this.cdpBrowser) {
      const port = readFileSync(join(this.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
      this.cdpBrowser = await puppeteer.connect({
        browserURL: `http://127.0.0.1:${port}`,
        defaultViewport: null,
      });
    }
    const cdp = this.cdpBrowser;
    const isPopup = (target: PptrTarget) =>
      target.type() === 'page' && target.url() === `${this.extensionOrigin}/${this.popupPath}`;
    const before = new Set(cdp.targets().filter(isPopup));
    await open();
    const target = await cdp.waitForTarget((t) => isPopup(t) && !before.has(t), {
      timeout: 10_000,
    });
    const page = await target.asPage();
    await waitFor(() => page.evaluate(() => document.querySelector('#app')?.hasChildNodes()), {
      what: 'the action popup to render into #app',
    });
    return new PopupPage('chromium', new PuppeteerUi(page));
  }

  private async closeStartupPages(): Promise<void> {
    const pages = this.startupPages;
    this.startupPages = [];
    for (const page of pages) await page.close().catch(() => undefined);
  }

  async openPage(url: string): Promise<WebPage> {
    const page = new PlaywrightWebPage(await this.ctx.newPage());
    await this.closeStartupPages();
    await page.goto(url);
    return page;
  }

  override async close(): Promise<void> {
    await this.cdpBrowser?.disconnect().catch(() => undefined);
    this.cdpBrowser = undefined;
    await super.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox ESR (puppeteer-core over WebDriver BiDi)

class PuppeteerWebPage implements WebPage {
  readonly browser = 'firefox' as const;
  readonly logs: string[] = [];

  constructor(private readonly page: PptrPage) {
    page.on('console', (message: PptrConsoleMessage) =>
      pushLog(this.logs, `[${message.type()}] ${message.text()}`),
    );
    page.on('pageerror', (error: unknown) =>
      pushLog(this.logs, `[pageerror] ${(error as Error)?.message ?? String(error)}`),
    );
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  url(): string {
    return this.page.url();
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }

  async type(selector: string, value: string): Promise<void> {
    await this.page.locator(selector).fill(value);
  }

  async click(selector: string): Promise<void> {
    await this.page.locator(selector).click();
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}

/** The vault harness's Firefox driver, plus web pages and badges. */
class FirefoxEnrollmentBrowser extends FirefoxDriver implements EnrollmentBrowser {
  readonly backgroundLogs: string[] = [];
  private startupPages: PptrPage[] = [];

  override async start(): Promise<void> {
    await super.start();
    this.startupPages = await this.live.pages();
  }

  /** Closes the startup tab once another is open (a browser with no tab would quit). */
  private async closeStartupPages(): Promise<void> {
    const pages = this.startupPages;
    this.startupPages = [];
    for (const page of pages) await page.close().catch(() => undefined);
  }

  override async openPopup(): Promise<PopupPage> {
    const popup = await super.openPopup();
    await this.closeStartupPages();
    return popup;
  }

  async openPage(url: string): Promise<WebPage> {
    const page = new PuppeteerWebPage(await this.live.newPage());
    await this.closeStartupPages();
    await page.goto(url);
    return page;
  }

  async clickAction(url: string): Promise<PopupPage> {
    // The popup's tab opens first, then the page comes back to the front: captureVisibleTab
    // captures the tab in front, and activeTab is granted to that tab only.
    const popup = await this.openExtensionPage();
    await this.closeStartupPages();
    const page = (await this.live.pages()).find((candidate) => candidate.url() === url);
    if (!page) throw new Error(`no tab shows ${url}`);
    await page.bringToFront();
    const outcome = await this.inBrowserWindow<string>(`(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule(
        'resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(this.geckoId)});
      const tab = gBrowser.selectedTab;
      if (gBrowser.selectedBrowser.currentURI.spec !== ${JSON.stringify(url)}) return 'not in front';
      // What a click on the toolbar button (or its keyboard shortcut) runs.
      await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      return extension.tabManager.hasActiveTabPermission(tab) ? 'granted' : 'not granted';
    })()`);
    if (outcome !== 'granted') throw new Error(`toolbar click over ${url}: ${outcome}`);
    return new PopupPage('firefox', new PuppeteerUi(popup));
  }

  /**
   * Evaluates in the browser window's own (privileged) realm, over WebDriver BiDi: Firefox
   * runs with --remote-allow-system-access, which lets a session list chrome contexts.
   */
  private async inBrowserWindow<T>(expression: string): Promise<T> {
    // Puppeteer's public Browser type hides its BiDi connection, and its types know only the
    // standard commands; these carry Firefox's chrome scope.
    const { connection } = this.live as unknown as {
      connection: { send(method: string, params: object): Promise<{ result: unknown }> };
    };
    const send = (method: string, params: object) => connection.send(method, params);
    const tree = (await send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string; url: string }[];
    };
    const window = tree.contexts.find((context) => context.url.endsWith('/browser.xhtml'));
    if (!window) throw new Error('no browser window among the chrome contexts');
    const answer = (
      await send('script.evaluate', {
        expression,
        target: { context: window.context },
        awaitPromise: true,
      })
    ).result as { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } };
    if (answer.type !== 'success') {
      throw new Error(`browser window: ${answer.exceptionDetails?.text ?? answer.type}`);
    }
    return answer.result?.value as T;
  }

  readClipboard(): Promise<string> {
    return this.inBrowserWindow<string>('navigator.clipboard.readText()');
  }

  async badges(): Promise<TabBadge[]> {
    const page = await this.openExtensionPage();
    try {
      // The reading page itself (a fresh popup.html tab) is left out by its own URL.
      const self = (await page.evaluate('location.href')) as string;
      const all = (await page.evaluate(BADGES_SOURCE('browser', self))) as TabBadge[];
      return all;
    } finally {
      await page.close().catch(() => undefined);
    }
  }
}

/** Starts `name` on a fresh profile with the unpacked build at `dist` loaded. */
export async function launchEnrollmentBrowser(
  name: BrowserName,
  dist: string,
  { display }: WindowOptions = {},
): Promise<EnrollmentBrowser> {
  const manifest = readManifest(dist);
  const popupPath = manifest.action?.default_popup ?? 'popup.html';
  let browser: ChromiumEnrollmentBrowser | FirefoxEnrollmentBrowser;
  if (name === 'chromium') {
    const workerScript = manifest.background?.service_worker;
    if (!workerScript) throw new Error(`${dist}/manifest.json has no background.service_worker`);
    browser = new ChromiumEnrollmentBrowser(
      makeTempDir('chromium-enroll'),
      dist,
      workerScript,
      popupPath,
      display,
    );
  } else {
    const geckoId = manifest.browser_specific_settings?.gecko?.id;
    if (!geckoId) throw new Error(`${dist}/manifest.json has no gecko id`);
    browser = new FirefoxEnrollmentBrowser(
      makeTempDir('firefox-enroll'),
      dist,
      geckoId,
      popupPath,
      display,
    );
  }
  return startTracked(browser);
}
