import { createOtpParams, parseOtpauthUri } from '../otp';
import type { OtpParams } from '../otp/types';
import type { Handlers } from '../messaging/server';
import type { AccountView, ProtocolMap, VaultState } from '../messaging/protocol';
import type { VaultService } from '../vault';
import { KeyfobError, type AccountId } from '../shared';
import { toAccountView } from './account-view';
import type { AutoLock } from './auto-lock';
import type { SessionKeyStore } from './session-key';
import type { SettingsStore } from './settings';

/** Dependencies of {@link createVaultHandlers}. */
export interface VaultHandlerDeps {
  vault: VaultService;
  sessionKey: SessionKeyStore;
  settings: SettingsStore;
  autoLock: AutoLock;
  now: () => number;
}

/** Longest issuer or account name accepted when editing. */
const MAX_NAME_LENGTH = 256;

/**
 * The background's answers to the extension pages' requests (DESIGN.md §2 `src/background`).
 * Every answer is built from {@link AccountView}s: no handler returns a secret.
 */
export function createVaultHandlers(deps: VaultHandlerDeps): Handlers<ProtocolMap> {
  const { vault, sessionKey, settings, autoLock, now } = deps;

  async function state(): Promise<VaultState> {
    return {
      exists: await vault.exists(),
      unlocked: vault.isUnlocked(),
      autoLockMinutes: (await settings.get()).autoLockMinutes,
    };
  }

  async function rememberUnlock(): Promise<void> {
    await sessionKey.save(await vault.exportSessionKey());
    await autoLock.touch();
  }

  async function addUnique(params: OtpParams): Promise<AccountView> {
    const { accounts } = await vault.list();
    if (accounts.some((a) => a.params.secret === params.secret)) {
      throw new KeyfobError('account-duplicate', 'An account with this secret is already in Keyfob.');
    }
    return toAccountView(await vault.add({ params, state: 'verified' }), now());
  }

  return {
    getVaultState: () => state(),

    async createVault({ passphrase, confirmation }) {
      await vault.create(String(passphrase ?? ''), String(confirmation ?? ''));
      await rememberUnlock();
      return state();
    },

    async unlockVault({ passphrase }) {
      await vault.unlock(String(passphrase ?? ''));
      await rememberUnlock();
      return state();
    },

    async lockVault() {
      vault.lock();
      await sessionKey.clear();
      await autoLock.clear();
      return state();
    },

    async changePassphrase({ current, next, confirmation }) {
      await vault.changePassphrase(String(current ?? ''), String(next ?? ''), String(confirmation ?? ''));
      return state();
    },

    async listCodes() {
      const at = now();
      const { accounts, damaged } = await vault.list();
      const views = await Promise.all(
        [...accounts].sort((a, b) => a.order - b.order).map((a) => toAccountView(a, at)),
      );
      return { accounts: views, damaged, nowMs: at };
    },

    async addAccountFromUri({ uri }) {
      return addUnique(parseOtpauthUri(String(uri ?? '')));
    },

    async addAccount(input) {
      return addUnique(createOtpParams(input));
    },

    async updateAccount({ id, issuer, account }) {
      const params: { issuer?: string; account?: string } = {};
      if (issuer !== undefined) params.issuer = checkName(issuer, 'Issuer', true);
      if (account !== undefined) params.account = checkName(account, 'Account', false);
      return toAccountView(await vault.update(id, { params }), now());
    },

    async deleteAccount({ id }) {
      await vault.remove(id);
      return { deleted: true as const };
    },

    async nextHotpCode({ id }) {
      const current = await vault.get(id as AccountId);
      if (current.params.type !== 'hotp') {
        throw new KeyfobError('not-hotp', 'Only counter-based accounts have a next code.');
      }
      const counter = (current.params.counter ?? 0) + 1;
      return toAccountView(await vault.update(id, { params: { counter } }), now());
    },

    getSettings: () => settings.get(),

    async updateSettings(patch) {
      const next = await settings.update(patch);
      if (vault.isUnlocked()) await autoLock.touch();
      return next;
    },
  };
}

function checkName(value: unknown, what: string, mayBeEmpty: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!mayBeEmpty && text === '') {
    throw new KeyfobError('name-missing', `${what} cannot be empty.`);
  }
  if (text.length > MAX_NAME_LENGTH || text.includes(':')) {
    throw new KeyfobError(
      'name-invalid',
      `${what} must be at most ${MAX_NAME_LENGTH} characters and contain no colon.`,
    );
  }
  return text;
}
