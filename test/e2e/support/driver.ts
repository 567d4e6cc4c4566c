import type { BrowserName } from './env';
import type { PopupPage } from './popup-page';
import { removeTempDir } from './temp';

/**
 * One browser with the built extension loaded, on its own fresh profile. Scenario code uses
 * only this interface, so the same scenario runs in every browser; optional members exist
 * where the browser has the feature (Chromium's MV3 service worker, restarting with the same
 * profile — Firefox drops temporary add-ons on restart).
 */
export interface ExtensionDriver {
  readonly name: BrowserName;
  /** The profile directory; kept after close() so tests can scan it, deleted by dispose(). */
  readonly profileDir: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Opens the popup as a normal tab and waits until it has rendered into #app. */
  openPopup(): Promise<PopupPage>;
  /**
   * Opens another extension page (`options.html#backup`) as a tab, waits until it has rendered
   * into #app, and drives it with the popup's page object (fields, buttons, alerts).
   */
  openExtensionTab(path: string): Promise<PopupPage>;
  /** Directories in the profile that hold the extension's own data (IndexedDB, storage). */
  extensionDataDirs(): string[];
  /** Stops the extension's service worker (CDP) and waits until it reports stopped. */
  stopServiceWorker?(): Promise<void>;
  /** The service worker's CDP running status: stopped, starting, running or stopping. */
  serviceWorkerStatus?(): Promise<string>;
  /**
   * An id unique to the running service-worker instance (planted in its global scope on first
   * call; a restarted worker gets a new one). Starts the worker if it is stopped.
   */
  serviceWorkerInstance?(): Promise<string>;
  /** Closes the browser and starts it again on the same profile and extension build. */
  restart?(): Promise<void>;
  /** Closes the browser (waits for it to exit); the profile stays for scanning. */
  close(): Promise<void>;
  /** close() and delete the profile. Safe to call twice. */
  dispose(): Promise<void>;
}

/** How a driver's browser shows itself (every driver's launch options extend this). */
export interface WindowOptions {
  /**
   * An X display (":7") to run the browser on with real windows, instead of headless:
   * keyboard commands reach an extension only through a focused browser window
   * (`support/x-display.ts`). Only the browser gets this DISPLAY.
   */
  display?: string;
}

/** The launch option that puts a browser on `display` (its own DISPLAY); none when headless. */
export function windowEnv(display: string | undefined): { env?: NodeJS.ProcessEnv } {
  if (!display) return {};
  const { WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  return { env: { ...env, DISPLAY: display } };
}

const live = new Set<Pick<ExtensionDriver, 'dispose'>>();

/** Remembers a driver so that {@link disposeAllDrivers} can clean it up after a failure. */
function track(driver: ExtensionDriver): void {
  live.add(driver);
}

/**
 * Tracks `driver` and starts it; a driver that fails to start is disposed (its profile
 * removed) before the error goes on.
 */
export async function startTracked<D extends ExtensionDriver & { start(): Promise<void> }>(
  driver: D,
): Promise<D> {
  track(driver);
  try {
    await driver.start();
  } catch (error) {
    await driver.dispose().catch(() => undefined);
    throw error;
  }
  return driver;
}

/** Disposes every driver still alive in this worker (afterEach/afterAll safety net). */
export async function disposeAllDrivers(): Promise<void> {
  const errors: unknown[] = [];
  for (const driver of [...live]) {
    await driver.dispose().catch((error: unknown) => errors.push(error));
  }
  if (errors.length) throw new AggregateError(errors, 'disposing browsers failed');
}

/**
 * What every browser driver shares: its own profile directory, and a `dispose()` that closes
 * the browser and deletes the profile once, whatever close() throws.
 */
export abstract class ProfileDriver {
  private disposed = false;

  constructor(readonly profileDir: string) {}

  /** Closes the browser (waits for it to exit); the profile stays for scanning. */
  abstract close(): Promise<void>;

  /** close() and delete the profile. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    try {
      await this.close();
    } finally {
      this.disposed = true;
      removeTempDir(this.profileDir);
      live.delete(this);
    }
  }
}
