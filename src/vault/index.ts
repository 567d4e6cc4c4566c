/**
 * The vault domain (docs/architecture.md §2): the sealed, stored shapes (`VaultHeader`, `AccountRecord`)
 * and the open, in-memory `Account`; lock and unlock; the `VaultStore` port that
 * `src/storage` implements. No browser API and no IndexedDB in here.
 *
 * Inside: `key-manager` (header, key slot, unlock, session), `account-store` (accounts,
 * order and the in-memory cache), `account-sealing` (record <-> account), behind the
 * `createVaultService` facade.
 */
export { UNDO_KEEP_MS } from './service-contract';
export type {
  Account,
  AccountPatch,
  AccountStatus,
  NewAccount,
  VaultListing,
  VaultService,
} from './service-contract';
export type {
  AccountRecord,
  ManifestWrite,
  StoredBox,
  StoredManifest,
  VaultHeader,
} from './records';
export type { VaultStore } from './vault-store';
export { VaultError, type VaultErrorCode } from './errors';
/** The passphrase rules, which a chosen backup password follows too. */
export { checkPassphrase } from './passphrase-policy';
export { createVaultService, type VaultServiceOptions } from './vault-service';
/** The in-memory `VaultStore` that tests of the vault's callers run the real vault on. */
export { createMemoryVaultStore, type MemoryVaultStore } from './memory-vault-store';
