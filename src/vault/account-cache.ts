import type { AccountId } from '../shared';
import { normaliseSecret } from '../otp';
import type { OtpParams } from '../otp/types';
import type { Account, VaultListing } from './service-contract';

/**
 * What makes two accounts the same for duplicate checks: the OTP type and the key bytes
 * (the secret in its canonical spelling), whatever the names around them say.
 */
export function duplicateKey(params: Pick<OtpParams, 'type' | 'secret'>): string {
  let secret = params.secret;
  try {
    secret = normaliseSecret(secret);
  } catch {
    // Not a secret we could store; compared as given, it can only match itself.
  }
  return `${params.type}:${secret}`;
}

/** Every record of the open vault: the accounts that opened and the ids of those that did not. */
export interface OpenedVault {
  readonly accounts: ReadonlyMap<AccountId, Account>;
  readonly damaged: ReadonlySet<AccountId>;
  /** How many accounts share each {@link duplicateKey}. */
  readonly keys: ReadonlyMap<string, number>;
}

/** Builds an {@link OpenedVault} from what was opened. */
export function openedVault(accounts: Iterable<Account>, damaged: Iterable<AccountId>) {
  const opened = {
    accounts: new Map<AccountId, Account>(),
    damaged: new Set(damaged),
    keys: new Map<string, number>(),
  };
  for (const account of accounts) putAccount(opened, account);
  return opened;
}

type Mutable = ReturnType<typeof openedVault>;

function putAccount(opened: Mutable, account: Account): void {
  removeAccount(opened, account.id);
  opened.accounts.set(account.id, account);
  const key = duplicateKey(account.params);
  opened.keys.set(key, (opened.keys.get(key) ?? 0) + 1);
}

function removeAccount(opened: Mutable, id: AccountId): void {
  opened.damaged.delete(id);
  const old = opened.accounts.get(id);
  if (!old) return;
  opened.accounts.delete(id);
  const key = duplicateKey(old.params);
  const left = (opened.keys.get(key) ?? 1) - 1;
  if (left > 0) opened.keys.set(key, left);
  else opened.keys.delete(key);
}

/** The listing callers see: accounts in display order, then damaged ids. */
export function toListing(opened: OpenedVault): VaultListing {
  const accounts = [...opened.accounts.values()].sort(
    (a, b) => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
  return { accounts, damaged: [...opened.damaged] };
}

/** Handle for installing a load: see {@link AccountCache.beginLoad}. */
export type LoadTicket = number;

/**
 * The open vault's accounts in background memory while unlocked, so listing, duplicate
 * checks and adds cost no decryption once the vault has been opened once. The background is
 * the only writer, so every write it makes is applied here after the store accepted it; any
 * failure clears the cache and the next read opens the records again. Never persisted.
 * Callers share the cached objects, so the vault hands out only frozen accounts.
 */
export interface AccountCache {
  /** The cached vault, or undefined when cold. */
  current(): OpenedVault | undefined;
  /** Call before reading the store for a load; pass the ticket to {@link install}. */
  beginLoad(): LoadTicket;
  /** Keeps a load's result unless a write, clear or lock happened since it began. */
  install(ticket: LoadTicket, opened: Mutable): void;
  /** Records accounts the store has just written (added or replaced). */
  put(accounts: readonly Account[]): void;
  /** Records an id the store has just deleted. */
  remove(id: AccountId): void;
  /** Forgets everything (lock, or any failure). */
  clear(): void;
}

/** Creates an empty (cold) {@link AccountCache}. */
export function createAccountCache(): AccountCache {
  let cached: Mutable | undefined;
  // Bumped by every change, so a load that read the store before a write cannot install a
  // listing that lacks it.
  let generation = 0;

  return {
    current: () => cached,
    beginLoad: () => generation,
    install(ticket, opened) {
      if (ticket === generation) cached = opened;
    },
    put(accounts) {
      generation += 1;
      if (cached) for (const account of accounts) putAccount(cached, account);
    },
    remove(id) {
      generation += 1;
      if (cached) removeAccount(cached, id);
    },
    clear() {
      generation += 1;
      cached = undefined;
    },
  };
}
