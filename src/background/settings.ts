import { KeyfobError } from '../shared';
import {
  ACCOUNT_SORTS,
  MAX_AUTO_LOCK_MINUTES,
  THEMES,
  type AccountSort,
  type Settings,
  type Theme,
} from '../messaging/protocol';

/** The part of `storage.local` this module uses. */
export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Defaults for a new profile. */
export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 30,
  deviceName: 'Keyfob',
  autoSubmitSetup: false,
  clearClipboard: false,
  theme: 'system',
  accountSort: 'manual',
};

/** Longest device name accepted; Cognito stores it, and people read it in lists. */
export const MAX_DEVICE_NAME_LENGTH = 64;

export { MAX_AUTO_LOCK_MINUTES } from '../messaging/protocol';

const KEY = 'settings';
/** The one switch automatic fill was before it became per site (./auto-fill-sites). */
const LEGACY_AUTO_FILL = 'autoFillSignIn';

/**
 * User preferences in `storage.local`. They hold nothing secret, so they may live on disk in
 * the clear; anything unreadable falls back to the defaults rather than failing.
 */
export function createSettingsStore(area: LocalArea) {
  // This worker's copy of the settings, so that a request does not wait on storage for them
  // (the popup's first answer did, while the browser was busy opening it; issue 10): only this
  // store writes them, so the copy is exact once read. A restarted worker reads them again.
  let known: Promise<Settings> | undefined;

  function read(): Promise<Settings> {
    const reading = (async () => ({
      ...DEFAULT_SETTINGS,
      ...sanitize((await area.get(KEY))[KEY]),
    }))();
    // A read that failed is tried again by the next request.
    reading.catch(() => {
      if (known === reading) known = undefined;
    });
    return reading;
  }

  async function get(): Promise<Settings> {
    known ??= read();
    return { ...(await known) };
  }

  // Writes go one at a time, each reading what the one before wrote: two quick saves, or a
  // save during the one-time migration below, would otherwise each write back what they read
  // before the other's change, and drop it.
  let writing: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(write: () => Promise<T>): Promise<T> {
    const written = writing.then(write);
    writing = written.catch(() => undefined);
    return written;
  }

  return {
    get,
    async update(patch: Partial<Settings>): Promise<Settings> {
      // Checked at once: a bad value is refused without waiting for other writes.
      const changes = checked(patch);
      return oneAtATime(async () => {
        const next = { ...(await get()), ...changes };
        // The old switch stays until the vault is unlocked and it is carried over.
        const legacy = await readLegacyAutoFill();
        await area.set({
          [KEY]: legacy === undefined ? next : { ...next, [LEGACY_AUTO_FILL]: legacy },
        });
        known = Promise.resolve(next);
        return { ...next };
      });
    },
    /** The old global automatic-fill switch, for its one-time migration. */
    legacyAutoFill: {
      read: readLegacyAutoFill,
      forget(): Promise<void> {
        return oneAtATime(async () => {
          const stored = (await area.get(KEY))[KEY];
          if (typeof stored !== 'object' || stored === null) return;
          const { [LEGACY_AUTO_FILL]: _gone, ...rest } = stored as Record<string, unknown>;
          await area.set({ [KEY]: rest });
        });
      },
    },
  };

  async function readLegacyAutoFill(): Promise<boolean | undefined> {
    const stored = (await area.get(KEY))[KEY];
    const value = (stored as Record<string, unknown> | undefined)?.[LEGACY_AUTO_FILL];
    return typeof value === 'boolean' ? value : undefined;
  }
}

/** The settings store's interface. */
export type SettingsStore = ReturnType<typeof createSettingsStore>;

function invalid(message: string): KeyfobError {
  return new KeyfobError('settings-invalid', message);
}

const checks: { [K in keyof Settings]: (value: unknown) => Settings[K] } = {
  autoLockMinutes(value) {
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > MAX_AUTO_LOCK_MINUTES
    ) {
      throw invalid(
        `Auto-lock must be a whole number of minutes from 1 to ${MAX_AUTO_LOCK_MINUTES}.`,
      );
    }
    return value;
  },
  deviceName(value) {
    const name = typeof value === 'string' ? value.trim() : '';
    // Printable text only: the name goes into other sites' requests and their account pages.
    if (name === '' || name.length > MAX_DEVICE_NAME_LENGTH || /[\p{Cc}\p{Cf}]/u.test(name)) {
      throw invalid(`The device name must be 1 to ${MAX_DEVICE_NAME_LENGTH} printable characters.`);
    }
    return name;
  },
  autoSubmitSetup(value) {
    if (typeof value !== 'boolean') throw invalid('Automatic submit must be on or off.');
    return value;
  },
  clearClipboard(value) {
    if (typeof value !== 'boolean') throw invalid('Clearing the clipboard must be on or off.');
    return value;
  },
  theme(value) {
    if (!(THEMES as readonly unknown[]).includes(value)) {
      throw invalid('The theme must be system, light or dark.');
    }
    return value as Theme;
  },
  accountSort(value) {
    if (!ACCOUNT_SORTS.includes(value as AccountSort)) {
      throw invalid('Sort by hand, by name or by most recent use.');
    }
    return value as AccountSort;
  },
};

/** The known, valid fields of a patch; any invalid one throws. */
function checked(patch: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of Object.keys(checks) as (keyof Settings)[]) {
    if (patch[key] !== undefined) (out as Record<string, unknown>)[key] = checks[key](patch[key]);
  }
  return out;
}

/** Stored values that still pass the checks; anything else falls back to its default. */
function sanitize(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const out: Partial<Settings> = {};
  for (const key of Object.keys(checks) as (keyof Settings)[]) {
    try {
      (out as Record<string, unknown>)[key] = checks[key]((stored as Record<string, unknown>)[key]);
    } catch {
      // keep the default
    }
  }
  return out;
}
