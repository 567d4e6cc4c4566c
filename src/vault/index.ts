/**
 * The vault domain (DESIGN.md §2): the sealed, stored shapes (`VaultHeader`, `AccountRecord`)
 * and the open, in-memory `Account`; lock and unlock; the `VaultStore` port that
 * `src/storage` implements. No browser API and no IndexedDB in here.
 */
export type {
  Account,
  AccountPatch,
  AccountState,
  NewAccount,
  VaultListing,
  VaultService,
} from './service-contract';
export {
  VAULT_FORMAT,
  type AccountRecord,
  type PassphraseKeySlot,
  type StoredBox,
  type VaultHeader,
} from './records';
export type { VaultStore } from './vault-store';
export { VaultError, type VaultErrorCode } from './errors';
export {
  MIN_DISTINCT_CHARACTERS,
  MIN_PASSPHRASE_LENGTH,
  checkPassphrase,
  type PassphraseProblem,
  type PassphraseVerdict,
} from './passphrase-policy';
export { createVaultService, type VaultServiceOptions } from './vault-service';
export { createMemoryVaultStore, type MemoryVaultStore } from './memory-vault-store';
