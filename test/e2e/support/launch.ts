import { launchChromium } from './chromium';
import type { ExtensionDriver, WindowOptions } from './driver';
import type { BrowserName } from './env';
import { launchFirefox } from './firefox';

export type { ExtensionDriver } from './driver';
export { disposeAllDrivers } from './driver';

/** Options for {@link launchDriver}. */
export interface LaunchOptions extends WindowOptions {
  /** Unpacked extension to load instead of the run's build of Keyfob. */
  dist?: string;
}

/** Starts `name` on a fresh profile with the extension loaded. */
export function launchDriver(
  name: BrowserName,
  options: LaunchOptions = {},
): Promise<ExtensionDriver> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
