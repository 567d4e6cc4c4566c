import type { IDBPDatabase } from 'idb';

/*
 * Frozen migrations. Each step describes the database exactly as it was at that version,
 * with literal store and field names and no import of today's domain types: a database
 * written by an old release must still upgrade after those types have moved on.
 * To change the schema, bump DB_VERSION and append an `if (oldVersion < N)` step; never edit
 * a step that has shipped.
 */

/** Current schema version of the IndexedDB database. */
export const DB_VERSION = 1;

/**
 * Brings a database from `oldVersion` (0 when it did not exist) to {@link DB_VERSION}.
 * Called from `openDB`'s `upgrade`, inside the version-change transaction, which is atomic:
 * a failed step leaves the database at its old version.
 */
export function runMigrations(db: IDBPDatabase<unknown>, oldVersion: number): void {
  if (oldVersion < 1) {
    // v1: the vault header under a fixed key in `meta`; sealed account records keyed by id,
    // with an index on their clear display order.
    db.createObjectStore('meta');
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('by-order', 'order');
  }
}
