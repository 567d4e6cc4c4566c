import { PBKDF2_DEFAULT_ITERATIONS, PBKDF2_MAX_ITERATIONS } from '../crypto';
import { createAccountStore } from './account-store';
import { createKeyManager } from './key-manager';
import type { VaultService } from './service-contract';
import type { VaultStore } from './vault-store';

/** What {@link createVaultService} needs. */
export interface VaultServiceOptions {
  store: VaultStore;
  /**
   * PBKDF2 iterations for new key slots; default 600,000. Headers written with fewer are
   * re-wrapped at the next successful unlock, so raising this raises every vault over time.
   * Tests pass a small number for speed.
   */
  iterations?: number;
  /** Clock for record timestamps (ms since the epoch). */
  now?: () => number;
}

/**
 * Creates the vault service the background uses (see {@link VaultService}): the key manager
 * (header, unlock, session) and the account store (accounts and their in-memory cache) over
 * one store. Whatever was opened with a key is forgotten when its session ends.
 */
export function createVaultService(options: VaultServiceOptions): VaultService {
  const { store, iterations = PBKDF2_DEFAULT_ITERATIONS, now = Date.now } = options;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from 1 to ${PBKDF2_MAX_ITERATIONS}`);
  }
  const accounts = createAccountStore({ store, now, session: () => keys.session() });
  const keys = createKeyManager({ store, iterations, now, onSessionChange: accounts.forget });
  return {
    exists: keys.exists,
    vaultId: keys.vaultId,
    isUnlocked: keys.isUnlocked,
    create: keys.create,
    unlock: keys.unlock,
    lock: keys.lock,
    changePassphrase: keys.changePassphrase,
    exportSessionKey: keys.exportSessionKey,
    unlockWithSessionKey: keys.unlockWithSessionKey,
    list: accounts.list,
    get: accounts.get,
    add: accounts.add,
    addAccounts: accounts.addAccounts,
    findDuplicates: accounts.findDuplicates,
    update: accounts.update,
    remove: accounts.remove,
    restore: accounts.restore,
    undoRemove: accounts.undoRemove,
  };
}
