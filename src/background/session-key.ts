import { fromBase64, toBase64 } from '../shared';

/** The part of `storage.session` this module uses (an injected `browser.storage.session`). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const KEY = 'vaultSessionKey';

/**
 * Parks the unlocked vault key in `storage.session`, so that the vault stays unlocked when the
 * browser stops an idle service worker. That area lives in memory only, is readable by trusted
 * extension contexts only, and is emptied when the browser closes (docs/architecture.md §3 rule 4).
 */
export function createSessionKeyStore(area: SessionArea) {
  return {
    /** Remembers the raw key bytes for this browser session. */
    async save(raw: Uint8Array): Promise<void> {
      await area.set({ [KEY]: toBase64(raw) });
    },
    /** The parked key bytes, or null when there are none (locked, or a new browser session). */
    async load(): Promise<Uint8Array | null> {
      const value = (await area.get(KEY))[KEY];
      if (typeof value !== 'string') return null;
      try {
        return fromBase64(value);
      } catch {
        await area.remove(KEY);
        return null;
      }
    },
    /** Forgets the parked key. */
    async clear(): Promise<void> {
      await area.remove(KEY);
    },
  };
}

/** The session key store's interface. */
export type SessionKeyStore = ReturnType<typeof createSessionKeyStore>;
