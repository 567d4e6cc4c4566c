import type { DBSchema } from 'idb';
import type { AccountRecord, VaultHeader } from '../vault';

/** Name of the IndexedDB database in the extension's origin. */
export const DEFAULT_DB_NAME = 'keyfob';

/** Key of the vault header in the `meta` store. */
export const HEADER_KEY = 'vault-header';

/**
 * Today's typed view of the database, for the store's own reads and writes. Migrations do not
 * use it (see migrations.ts): this shape moves with the code, old databases do not.
 */
export interface KeyfobDbSchema extends DBSchema {
  /** Singletons under fixed keys; for now only the vault header. */
  meta: { key: string; value: VaultHeader };
  /** One sealed record per account, keyed by its id. */
  accounts: { key: string; value: AccountRecord; indexes: { 'by-order': number } };
}
