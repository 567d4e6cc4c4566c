import { KeyfobError } from '../shared';
import type { Settings } from '../messaging/protocol';

/** The part of `storage.local` this module uses. */
export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Defaults for a new profile. */
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 30 };

/** Longest auto-lock delay accepted: one day. */
export const MAX_AUTO_LOCK_MINUTES = 24 * 60;

const KEY = 'settings';

/**
 * User preferences in `storage.local`. They hold nothing secret, so they may live on disk in
 * the clear; anything unreadable falls back to the defaults rather than failing.
 */
export function createSettingsStore(area: LocalArea) {
  return {
    async get(): Promise<Settings> {
      const stored = (await area.get(KEY))[KEY];
      return { ...DEFAULT_SETTINGS, ...sanitize(stored) };
    },
    async update(patch: Partial<Settings>): Promise<Settings> {
      if (patch.autoLockMinutes !== undefined) checkAutoLock(patch.autoLockMinutes);
      const next = { ...(await this.get()), ...pick(patch) };
      await area.set({ [KEY]: next });
      return next;
    },
  };
}

/** The settings store's interface. */
export type SettingsStore = ReturnType<typeof createSettingsStore>;

function checkAutoLock(minutes: unknown): void {
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < 1 ||
    minutes > MAX_AUTO_LOCK_MINUTES
  ) {
    throw new KeyfobError(
      'settings-invalid',
      `Auto-lock must be a whole number of minutes from 1 to ${MAX_AUTO_LOCK_MINUTES}.`,
    );
  }
}

function pick(patch: Partial<Settings>): Partial<Settings> {
  return patch.autoLockMinutes === undefined ? {} : { autoLockMinutes: patch.autoLockMinutes };
}

function sanitize(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const minutes = (stored as { autoLockMinutes?: unknown }).autoLockMinutes;
  try {
    checkAutoLock(minutes);
    return { autoLockMinutes: minutes as number };
  } catch {
    return {};
  }
}
