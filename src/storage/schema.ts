import type { DBSchema } from 'idb';
import type { AccountRecord, StoredManifest, VaultHeader } from '../vault';

/** Name of the IndexedDB database in the extension's origin. */
export const DEFAULT_DB_NAME = 'keyfob';

/** Key of the vault header in the `meta` store. */
export const HEADER_KEY = 'vault-header';

/**
 * Key of the sealed record-version manifest in the `meta` store. A key in an existing store,
 * not a new store, so vaults from before it need no schema migration: the vault builds the
 * first manifest at the first unlock.
 */
export const MANIFEST_KEY = 'record-versions';

/**
 * Today's typed view of the database, for the store's own reads and writes. Migrations do not
 * use it (see migrations.ts): this shape moves with the code, old databases do not.
 */
export interface KeyfobDbSchema extends DBSchema {
  /** Singletons under fixed keys: the vault header and the record-version manifest. */
  meta: { key: string; value: VaultHeader | StoredManifest };
  /** One sealed record per account, keyed by its id. */
  accounts: { key: string; value: AccountRecord; indexes: { 'by-order': number } };
}
