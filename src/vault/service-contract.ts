import type { AccountId, Origin } from '../shared';
import type { OtpParams } from '../otp/types';
import type { AccountRecord } from './records';

/**
 * Every enrollment status an account can have: the Cognito helper keeps a new secret
 * `pending` until the site accepts it, and a `verified` account becomes `replaced` when a
 * newer secret for the same user is verified.
 */
export const ACCOUNT_STATUSES = ['verified', 'pending', 'replaced'] as const;

/** Enrollment status of an account (see {@link ACCOUNT_STATUSES}). */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * An account opened in memory: the secret included. Lives only in the background
 * (Bitwarden-style: the sealed, stored shape is `AccountRecord`, a different type).
 */
export interface Account {
  id: AccountId;
  params: OtpParams;
  state: AccountStatus;
  /** Exact origin the account was enrolled on (sign-in fill is bound to it). */
  origin?: Origin;
  /** The person linked `origin` ("Use on this site"); absent when a setup there set it. */
  linked?: true;
  createdAt: number;
  updatedAt: number;
  /** Display order, ascending. */
  order: number;
  /** Shown at the top of the popup's list. */
  pinned: boolean;
  /** When its code was last copied or filled (ms since the epoch); absent if never. */
  usedAt?: number;
}

/** What a caller supplies to add an account. */
export interface NewAccount {
  params: OtpParams;
  state?: AccountStatus;
  origin?: Origin;
  /** When restoring a backup: the person had linked `origin` by hand. */
  linked?: true;
  /** When restoring a backup: the account's own times (ms since the epoch); default now. */
  createdAt?: number;
  updatedAt?: number;
  /** When restoring a backup: pinned to the top of the list. */
  pinned?: true;
  /** When restoring a backup: when its code was last copied or filled. */
  usedAt?: number;
}

/**
 * What a caller may change on an existing account. An absent field stays as it is. Inside
 * `params`, an optional field (`issuer`, `counter`) present with the value `undefined` is
 * removed, and so is an empty `issuer`; `undefined` elsewhere means "unchanged" (an
 * enrollment origin is never dropped by accident: only `origin: null` unlinks it). Secret and
 * OTP type cannot be changed: add a new account instead.
 */
export interface AccountPatch {
  params?: { [K in keyof Omit<OtpParams, 'secret' | 'type'>]?: OtpParams[K] | undefined };
  state?: AccountStatus | undefined;
  /** A new exact origin; `null` removes the account's origin. */
  origin?: Origin | null | undefined;
  pinned?: boolean | undefined;
  /** When the code was copied or filled (ms since the epoch). */
  usedAt?: number | undefined;
  /** A new display order (any finite number: a place between two others is their mean). */
  order?: number | undefined;
}

/** The open vault's listing: accounts that opened, and ids of records that did not. */
export interface VaultListing {
  accounts: Account[];
  damaged: AccountId[];
}

/** How long a deleted record stays restorable; the popup offers Undo for less than this. */
export const UNDO_KEEP_MS = 60_000;

/**
 * The vault as the background uses it. All methods that need the key throw
 * `KeyfobError('vault-locked')` while locked.
 */
export interface VaultService {
  /** Whether a vault exists on disk. */
  exists(): Promise<boolean>;
  /**
   * The vault's id, random at creation and never secret (it is in the clear header), or null
   * when no vault exists. Works locked: what is kept per vault outside it (the clock offset)
   * is keyed by it.
   */
  vaultId(): Promise<string | null>;
  isUnlocked(): boolean;
  /** Creates a new vault and leaves it unlocked. Refuses weak or mismatched passphrases. */
  create(passphrase: string, confirmation: string): Promise<void>;
  /** Unwraps the vault key; a wrong passphrase throws `wrong-passphrase` and writes nothing. */
  unlock(passphrase: string): Promise<void>;
  /** Forgets the key. */
  lock(): void;
  /**
   * Re-wraps the vault key under a new passphrase, in one strict transaction; records are not
   * touched. Works locked or unlocked and leaves the lock state as it was.
   */
  changePassphrase(current: string, next: string, confirmation: string): Promise<void>;
  /** Raw vault key bytes, to park in `storage.session` across worker restarts. */
  exportSessionKey(): Promise<Uint8Array>;
  /**
   * Unlocks with key bytes parked by {@link exportSessionKey}; verifies them against the
   * header's key check and throws `session-key-invalid` if they are not this vault's key.
   */
  unlockWithSessionKey(raw: Uint8Array): Promise<void>;
  /**
   * Every account in display order; records that do not open are listed as damaged and left
   * on disk. Records are opened once per unlock and kept in memory, so later listings cost
   * no decryption.
   */
  list(): Promise<VaultListing>;
  /** One account; `account-not-found` or `record-damaged` otherwise. */
  get(id: AccountId): Promise<Account>;
  /** Seals and stores a new account (state defaults to `verified`), placed last. */
  add(account: NewAccount): Promise<Account>;
  /**
   * Seals every account first, then stores them all in one transaction, placed last in the
   * given order: all or nothing (`account-invalid` for any malformed one, a storage failure,
   * or a taken id writes none). Does not check for duplicates: see {@link findDuplicates}.
   * `onProgress` hears the fraction done as the accounts are sealed, and 1 once stored.
   */
  addAccounts(
    accounts: NewAccount[],
    options?: { onProgress?: (fraction: number) => void },
  ): Promise<Account[]>;
  /**
   * For each of `params`, whether the vault already holds an account with the same OTP type
   * and the same secret (compared in canonical base32), or an earlier entry of `params` does,
   * so an import neither doubles an account nor adds one twice. Names are not compared.
   * Damaged records cannot be compared and never count.
   */
  findDuplicates(params: Pick<OtpParams, 'type' | 'secret'>[]): Promise<boolean[]>;
  /** Re-seals an account with the patch applied; a damaged record is refused, not rewritten. */
  update(id: AccountId, patch: AccountPatch): Promise<Account>;
  /**
   * Deletes an account, or a damaged record (the one way to get rid of one). Resolves with the
   * sealed record as it was (undefined for one too damaged to read), which {@link restore}
   * can put back; it holds no secret in the clear.
   */
  remove(id: AccountId): Promise<AccountRecord | undefined>;
  /**
   * Puts back a record {@link remove} deleted, exactly as it was (an Undo of a delete). Only
   * the version that was deleted, only while its id stays deleted, and only a record that
   * opens under this vault's key: anything else, such as an older copy, is refused as
   * `record-damaged` and writes nothing.
   */
  restore(record: AccountRecord): Promise<Account>;
  /**
   * Undoes a recent {@link remove} of this session: {@link restore} of the record it deleted,
   * kept in memory (sealed, so no secret) for {@link UNDO_KEEP_MS}. `undo-expired` once it is
   * no longer kept: too long ago, restored already, the vault locked since, or the worker
   * restarted.
   */
  undoRemove(id: AccountId): Promise<Account>;
}
