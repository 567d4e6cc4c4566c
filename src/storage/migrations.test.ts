import { readFileSync } from 'node:fs';
import { deleteDB, openDB } from 'idb';
import { DB_VERSION, runMigrations } from './migrations';
import { openVaultDb } from './idb-vault-store';

let dbName: string;
beforeEach(() => {
  dbName = `keyfob-migrations-${crypto.randomUUID()}`;
});
afterEach(async () => {
  await deleteDB(dbName);
});

describe('migration ladder', () => {
  it('builds version 1 from an empty database', async () => {
    const db = await openVaultDb({ dbName });
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'meta']);
    const tx = db.transaction(['meta', 'accounts']);
    const meta = tx.objectStore('meta');
    const accounts = tx.objectStore('accounts');
    expect(meta.keyPath).toBeNull();
    expect(meta.autoIncrement).toBe(false);
    expect(accounts.keyPath).toBe('id');
    expect([...accounts.indexNames]).toEqual(['by-order']);
    expect(accounts.index('by-order').keyPath).toBe('order');
    expect(accounts.index('by-order').unique).toBe(false);
    await tx.done;
    db.close();
  });

  it('is a no-op for a database already at version 1, keeping its data', async () => {
    const first = await openVaultDb({ dbName });
    await first.put('accounts', { id: 'a', order: 0 } as never);
    first.close();
    const second = await openVaultDb({ dbName });
    expect(await second.get('accounts', 'a')).toEqual({ id: 'a', order: 0 });
    second.close();
  });

  it('runs only the steps above the old version', async () => {
    const db = await openDB(dbName, 1, {
      upgrade(database, oldVersion) {
        runMigrations(database, oldVersion);
        // Running the ladder again from v1 must not try to create the stores twice.
        expect(() => runMigrations(database, 1)).not.toThrow();
      },
    });
    db.close();
  });

  it('stays frozen: imports nothing but idb types', () => {
    const source = readFileSync(new URL('./migrations.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .*? from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['idb']);
    expect(source).toMatch(/^import type /m);
  });
});
