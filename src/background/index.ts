import { browser } from 'wxt/browser';
import { toErrorInfo } from '../shared';
import { createMessageServer } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { openVaultStore } from '../storage';
import { createVaultService } from '../vault';
import { AUTO_LOCK_ALARM, createAutoLock } from './auto-lock';
import { createVaultHandlers } from './handlers';
import { createSessionKeyStore } from './session-key';
import { createSettingsStore } from './settings';
import { EXTENSION_PAGES_ONLY } from './policy';

/**
 * Wires the background: vault, session key, auto-lock and the message server. Listeners are
 * registered synchronously, because a woken service worker only delivers events to listeners
 * that exist when its script first runs; the async set-up is awaited inside each event.
 */
export function startBackground(): void {
  const now = () => Date.now();
  const session = browser.storage.session;
  const sessionKey = createSessionKeyStore(session);
  const settings = createSettingsStore(browser.storage.local);

  const ready = (async () => {
    // Only the extension's own pages may read the parked key; content scripts may not.
    await session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
    const vault = createVaultService({ store: await openVaultStore() });
    const autoLock = createAutoLock({
      session,
      alarms: browser.alarms,
      now,
      idleMinutes: async () => (await settings.get()).autoLockMinutes,
      lock: async () => {
        vault.lock();
        await sessionKey.clear();
        await autoLock.clear();
      },
    });
    await restoreSession(vault, sessionKey, autoLock);
    const server = createMessageServer<ProtocolMap>({
      handlers: createVaultHandlers({ vault, sessionKey, settings, autoLock, now }),
      policy: EXTENSION_PAGES_ONLY,
      ours: { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
      beforeEach: async (name, data) => {
        if (await autoLock.lockIfDue()) return;
        if (vault.isUnlocked() && !isPassive(name, data)) await autoLock.touch();
      },
    });
    return { server, autoLock };
  })();

  browser.runtime.onMessage.addListener(async (message, sender) => {
    try {
      return await (await ready).server.handle(message, sender);
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void ready.then(({ autoLock }) => autoLock.lockIfDue());
  });
}

/** Requests that do not count as user activity for auto-lock. */
function isPassive(name: keyof ProtocolMap, data: unknown): boolean {
  if (name === 'getVaultState') return true;
  return name === 'listCodes' && (data as { refresh?: unknown }).refresh === true;
}

async function restoreSession(
  vault: ReturnType<typeof createVaultService>,
  sessionKey: ReturnType<typeof createSessionKeyStore>,
  autoLock: ReturnType<typeof createAutoLock>,
): Promise<void> {
  const raw = await sessionKey.load();
  if (!raw) return;
  if (await autoLock.lockIfDue()) return;
  try {
    await vault.unlockWithSessionKey(raw);
  } catch {
    // A parked key that no longer matches the vault (recreated elsewhere) is simply dropped.
    await sessionKey.clear();
  } finally {
    raw.fill(0);
  }
}
