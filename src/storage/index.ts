/**
 * Persistence on IndexedDB (docs/architecture.md §2): the typed schema, the frozen migration ladder and
 * the `VaultStore` implementation. The only module that imports `idb`.
 */
export { DEFAULT_DB_NAME, HEADER_KEY, type KeyfobDbSchema } from './schema';
export { DB_VERSION, runMigrations } from './migrations';
export {
  createIdbVaultStore,
  openVaultDb,
  openVaultStore,
  type IdbVaultStore,
  type OpenVaultDbOptions,
} from './idb-vault-store';
