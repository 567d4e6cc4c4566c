import { createOtpParams, parseOtpauthUri, validateOtpParams } from '../otp';
import type { OtpParams } from '../otp/types';
import type { Handlers } from '../messaging/server';
import type { AccountView, CodeListing, ProtocolMap, VaultState } from '../messaging/protocol';
import type { Account, VaultService } from '../vault';
import { KeyfobError, type AccountId } from '../shared';
import { toAccountView } from './account-view';
import { firstListedRows, rowLimit } from './first-rows';
import type { AutoLock } from './auto-lock';
import type { CodeClock } from './code-clock';
import type { ClipboardJanitor } from './clipboard-janitor';
import type { PassphraseGuard } from './passphrase-guard';
import type { SessionKeyStore } from './session-key';
import type { SettingsStore } from './settings';
import type { AutoFillVerbs } from './auto-fill-handlers';
import type { EnrollmentVerbs } from './enrollment-handlers';
import type { SiteLinkVerbs } from './site-link-handlers';
import type { TabVerbs } from './tab-handlers';
import type { TransferVerbs } from './transfer-handlers';

/** The verbs these handlers answer: everything but the active-tab, site and transfer actions. */
export type VaultVerbs = Omit<
  ProtocolMap,
  | keyof TabVerbs
  | keyof TransferVerbs
  | keyof EnrollmentVerbs
  | keyof SiteLinkVerbs
  | keyof AutoFillVerbs
>;

/** Dependencies of {@link createVaultHandlers}. */
export interface VaultHandlerDeps {
  vault: VaultService;
  sessionKey: SessionKeyStore;
  settings: SettingsStore;
  autoLock: AutoLock;
  /** The clock codes are made by (this computer's plus the learned offset). */
  clock: CodeClock;
  /** This computer's clock, for when an account was last used; defaults to `Date.now`. */
  wallNow?: () => number;
  /** Enrollment messages for the popup (a refused code, an expired session). */
  notices: () => readonly { origin: string; message: string; atMs: number }[];
  /** Runs after each successful unlock (to resume setups that waited for it). */
  onUnlocked: () => Promise<void>;
  /** Runs when the person locks the vault (to drop what was held for the open vault). */
  onLocked: () => void;
  /** Every check of the vault passphrase goes through it, so guessing is slow. */
  passphraseGuard: PassphraseGuard;
  /** Clears copied codes from the clipboard when they expire (a setting). */
  clipboardJanitor: ClipboardJanitor;
  /** Runs after the person removed an account (so a setup screen still open can't revive it). */
  onRemoved: (account: Account) => void;
  /** Runs before the popup lists accounts (pending accounts past their day go). */
  beforeList?: () => Promise<void>;
}

/**
 * The background's answers to the extension pages' requests (docs/architecture.md §2 `src/background`).
 * Every answer is built from {@link AccountView}s: no handler returns a secret.
 */
export function createVaultHandlers(deps: VaultHandlerDeps): Handlers<VaultVerbs> {
  const { vault, sessionKey, settings, autoLock, clock, notices, onUnlocked, onLocked, onRemoved } =
    deps;
  const now = () => clock.codeNow();
  const { passphraseGuard, clipboardJanitor } = deps;
  const wallNow = deps.wallNow ?? Date.now;

  // The popup waits for these two as it opens: what does not depend on another is asked for
  // side by side, and an open vault needs no look at the disk to know that it exists.
  async function state(preferences = settings.get()): Promise<VaultState> {
    const unlocked = vault.isUnlocked();
    const [exists, { autoLockMinutes }] = await Promise.all([
      unlocked || vault.exists(),
      preferences,
    ]);
    return { exists, unlocked, autoLockMinutes };
  }

  /** The listing: every account, or with `firstRows`, a longer list's first rows only. */
  async function listing(preferences = settings.get(), firstRows?: number): Promise<CodeListing> {
    await deps.beforeList?.();
    const at = now();
    const { accounts, damaged } = await vault.list();
    const sort = (await preferences).accountSort;
    const all = [...accounts].sort((a, b) => a.order - b.order);
    const { rows, unsent } =
      firstRows === undefined ? { rows: all, unsent: 0 } : firstListedRows(all, sort, firstRows);
    const cut: Partial<CodeListing> = unsent > 0 ? { unsent } : {};
    return {
      accounts: rows.map((a) => toAccountView(a, at)),
      damaged,
      nowMs: at,
      clockOffsetMs: clock.status().offsetMs,
      notices: [...notices()],
      sort,
      ...cut,
    };
  }

  async function rememberUnlock(): Promise<void> {
    await sessionKey.save(await vault.exportSessionKey());
    await autoLock.touch();
    await onUnlocked();
  }

  async function addUnique(params: OtpParams): Promise<AccountView> {
    const [duplicate] = await vault.findDuplicates([params]);
    if (duplicate) {
      throw new KeyfobError(
        'account-duplicate',
        'An account with this secret is already in Keyfob.',
      );
    }
    return toAccountView(await vault.add({ params, state: 'verified' }), now());
  }

  return {
    async getVaultState({ withCodes, firstRows }) {
      const preferences = settings.get();
      if (withCodes !== true || !vault.isUnlocked()) return state(preferences);
      const rows = rowLimit(firstRows);
      const [current, codes] = await Promise.all([state(preferences), listing(preferences, rows)]);
      return { ...current, listing: codes };
    },

    async createVault({ passphrase, confirmation }) {
      await vault.create(String(passphrase ?? ''), String(confirmation ?? ''));
      // A new vault has a new id: an offset learned for another vault does not carry over.
      await clock.load();
      await rememberUnlock();
      return state();
    },

    async unlockVault({ passphrase }) {
      await passphraseGuard.check(() => vault.unlock(String(passphrase ?? '')));
      await rememberUnlock();
      return state();
    },

    async lockVault() {
      vault.lock();
      onLocked();
      await sessionKey.clear();
      await autoLock.clear();
      return state();
    },

    async changePassphrase({ current, next, confirmation }) {
      await passphraseGuard.check(() =>
        vault.changePassphrase(
          String(current ?? ''),
          String(next ?? ''),
          String(confirmation ?? ''),
        ),
      );
      return state();
    },

    listCodes: () => listing(),

    async addAccountFromUri({ uri }) {
      return addUnique(parseOtpauthUri(String(uri ?? '')));
    },

    async addAccount(input) {
      return addUnique(createOtpParams(input));
    },

    async updateAccount({ id, issuer, account }) {
      const current = await vault.get(id);
      // The same name rules as a new account's, so an edit can never make it unformattable.
      const checked = validateOtpParams({
        ...current.params,
        ...(issuer !== undefined ? { issuer } : {}),
        ...(account !== undefined ? { account } : {}),
      });
      // An explicit `issuer: undefined` clears it when the person empties the field.
      const params = { account: checked.account, issuer: checked.issuer };
      return toAccountView(await vault.update(id, { params }), now());
    },

    async deleteAccount({ id }) {
      const removed = await vault.get(id);
      await vault.remove(id);
      onRemoved(removed);
      return { deleted: true as const };
    },

    async restoreAccount({ id }) {
      return toAccountView(await vault.undoRemove(id as AccountId), now());
    },

    async pinAccount({ id, pinned }) {
      if (typeof pinned !== 'boolean') throw new KeyfobError('account-invalid', 'Pin or unpin.');
      return toAccountView(await vault.update(id, { pinned }), now());
    },

    async moveAccount({ id, order }) {
      return toAccountView(await vault.update(id, { order: Number(order) }), now());
    },

    async nextHotpCode({ id }) {
      const current = await vault.get(id as AccountId);
      if (current.params.type !== 'hotp') {
        throw new KeyfobError('not-hotp', 'Only counter-based accounts have a next code.');
      }
      const counter = (current.params.counter ?? 0) + 1;
      return toAccountView(await vault.update(id, { params: { counter } }), now());
    },

    async codeCopied({ id, code }) {
      // For "most recently used": when, sealed with the account. The code is on the clipboard
      // already, so a note that fails to save must not stop the clipboard from being cleared.
      const account = await vault
        .update(id as AccountId, { usedAt: wallNow() })
        .catch(() => vault.get(id as AccountId));
      if (!(await settings.get()).clearClipboard) return { clearAtMs: null };
      return { clearAtMs: await clipboardJanitor.copied(account.params, String(code ?? '')) };
    },

    getSettings: () => settings.get(),

    getClock: async () => clock.status(),

    resetClock: () => clock.reset(),

    async updateSettings(patch) {
      const next = await settings.update(patch);
      if (vault.isUnlocked()) await autoLock.touch();
      return next;
    },
  };
}
