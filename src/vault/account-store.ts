import { randomId } from '../crypto';
import type { AccountId } from '../shared';
import { createAccountCache, duplicateKey, openedVault, toListing } from './account-cache';
import { applyPatch } from './account-patch';
import { toAccountPayload, type AccountPayload } from './account-payload';
import { openRecord, sealPayload, toAccount, type OpenedRecord } from './account-sealing';
import { VaultError } from './errors';
import type { VaultSession } from './key-manager';
import { createManifestKeeper } from './manifest-keeper';
import { parseRecord, recordIdOf } from './parse-stored';
import { RECORD_FORMAT, type AccountRecord } from './records';
import { UNDO_KEEP_MS, type Account, type NewAccount, type VaultService } from './service-contract';
import { callStore } from './store-call';
import type { VaultStore } from './vault-store';
import { vouchesFor, withRemoved, withVersion, type VersionManifest } from './version-manifest';

/** What {@link createAccountStore} needs. */
export interface AccountStoreOptions {
  store: VaultStore;
  now: () => number;
  /** The current session; throws `vault-locked` while locked. */
  session: () => VaultSession;
}

/** The account half of {@link VaultService}, plus a way to drop what it holds in memory. */
export type AccountStore = Pick<
  VaultService,
  | 'list'
  | 'get'
  | 'add'
  | 'addAccounts'
  | 'findDuplicates'
  | 'update'
  | 'remove'
  | 'restore'
  | 'undoRemove'
> & {
  /** Forgets every opened account and deleted record; call whenever the session starts or ends. */
  forget(): void;
};

/** The part of a bulk add's progress that sealing takes; the one write takes the rest. */
const SEALING_SHARE = 0.9;

/** How often a write re-reads and retries when another write got in between. */
const UPDATE_ATTEMPTS = 3;
/** How often a read that finds an older version than one seen reads again before calling it damaged. */
const STALE_READ_ATTEMPTS = 3;

/**
 * Creates the account store: account CRUD and display order over sealed records, with the
 * opened accounts kept in memory while unlocked (see {@link createAccountCache}).
 *
 * All WebCrypto work for a write happens before the store is called, because an IndexedDB
 * transaction commits by itself as soon as it waits on anything that is not IndexedDB
 * (docs/architecture.md §3 rule 10).
 */
export function createAccountStore(options: AccountStoreOptions): AccountStore {
  const { store, now, session } = options;
  const cache = createAccountCache();
  /**
   * The newest version of every record, sealed on disk and changed with each record write. A
   * record that is older, or that it does not name, was put back from an old copy (even while
   * this worker was stopped): it is treated as damaged, never as the account.
   */
  const manifests = createManifestKeeper(store);
  /**
   * Records deleted in this session, as they were stored, for Undo. Sealed, so no secret; in
   * memory only, so a restart or lock simply ends the chance to undo.
   */
  const deleted = new Map<string, { record: AccountRecord; at: number }>();

  function keepDeleted(record: AccountRecord): void {
    const time = now();
    for (const [id, entry] of deleted) if (time - entry.at > UNDO_KEEP_MS) deleted.delete(id);
    deleted.set(record.id, { record, at: time });
  }

  /** Runs a record write together with the next manifest; false when either moved on. */
  const withManifest = (
    current: VaultSession,
    change: (manifest: VersionManifest) => VersionManifest,
    storeWrite: Parameters<typeof manifests.write>[2],
  ) => manifests.write(current, change, (write) => callStore(() => storeWrite(write)));

  /**
   * Runs an account write. After any failure nobody can say what reached the disk, so the
   * cache is dropped and the next read opens the records again.
   */
  async function writing<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      cache.clear();
      throw error;
    }
  }

  /** The open vault: from the cache when warm, else every record opened (and cached). */
  async function openAll(current: VaultSession) {
    const warm = cache.current();
    if (warm) return warm;
    // The manifest is taken before the records are read, so a write landing in between makes
    // a record newer than it, never older.
    let manifest = await manifests.current(current);
    let ticket = cache.beginLoad();
    let stored = await callStore(() => store.listRecords());
    let opened = await Promise.all(stored.map((value) => openRecord(current, value)));
    // A record the manifest does not vouch for may just be an add that landed after our
    // manifest was taken, or another worker's write: read both once more before calling it a
    // restored old copy.
    if (opened.some((entry) => entry && !vouchesFor(manifest, entry.record))) {
      manifest = await manifests.reload(current);
      ticket = cache.beginLoad();
      stored = await callStore(() => store.listRecords());
      opened = await Promise.all(stored.map((value) => openRecord(current, value)));
    }
    const accounts: Account[] = [];
    const damaged: AccountId[] = [];
    const legacy: OpenedRecord[] = [];
    opened.forEach((entry, index) => {
      if (entry && vouchesFor(manifest, entry.record)) {
        accounts.push(entry.account);
        if (entry.record.format !== RECORD_FORMAT) legacy.push(entry);
      } else {
        const id = recordIdOf(stored[index]);
        if (id !== undefined) damaged.push(id as AccountId);
      }
    });
    const result = openedVault(accounts, damaged);
    cache.install(ticket, result);
    await upgradeLegacy(current, legacy);
    return result;
  }

  /**
   * Rewrites older-format records in today's format, so their version is bound and the vault
   * is marked as one with a manifest. Best effort: a record that fails or changed meanwhile
   * stays readable and is tried at the next listing.
   */
  async function upgradeLegacy(current: VaultSession, legacy: readonly OpenedRecord[]) {
    for (const { record, account } of legacy) {
      try {
        await rewrite(current, record, applyPatch(account, {}), record.updatedAt);
      } catch {
        // Still a valid format 1 record; nothing is lost by trying again later.
      }
    }
  }

  /** Writes the next version of a record if the stored one is still `record`; the new account or null. */
  async function rewrite(
    current: VaultSession,
    record: AccountRecord,
    payload: AccountPayload,
    updatedAt: number,
    order = record.order,
  ): Promise<Account | null> {
    const next: AccountRecord = {
      ...record,
      format: RECORD_FORMAT,
      version: record.version + 1,
      updatedAt,
      order,
      sealed: await sealPayload(
        current,
        { ...record, format: RECORD_FORMAT, version: record.version + 1 },
        payload,
      ),
    };
    // Conditional on the IV we read: a write in between (say, another HOTP step) is
    // re-read and re-applied instead of being silently lost.
    const written = await withManifest(
      current,
      (manifest) => withVersion(manifest, next.id, next.version),
      (write) => store.replaceRecord(next, record.sealed.iv, write),
    );
    if (!written) return null;
    const updated = toAccount(next, payload);
    cache.put([updated]);
    return updated;
  }

  /** One record read from the store and opened; refuses a missing or damaged one. */
  async function readAccount(current: VaultSession, id: AccountId): Promise<OpenedRecord> {
    for (let attempt = 1; ; attempt++) {
      const manifest = await (attempt === 1 ? manifests.current : manifests.reload)(current);
      const stored = await callStore(() => store.getRecord(id));
      if (stored === undefined) throw new VaultError('account-not-found');
      const opened = await openRecord(current, stored);
      if (!opened) throw new VaultError('record-damaged');
      if (vouchesFor(manifest, opened.record)) return opened;
      // Not vouched for: either another writer moved the manifest on (reading it again finds
      // that), or an old copy was put back (it stays old).
      if (attempt >= STALE_READ_ATTEMPTS) throw new VaultError('record-damaged');
    }
  }

  /** Seals every new account, then stores them in one transaction (see `addAccounts`). */
  async function addAll(
    current: VaultSession,
    inputs: readonly NewAccount[],
    onProgress: (fraction: number) => void,
  ): Promise<Account[]> {
    const time = now();
    const fresh = inputs.map((input) => {
      const payload = toAccountPayload({ ...input, state: input.state ?? 'verified' });
      const { createdAt = time, updatedAt = time } = input;
      if (!payload || !Number.isFinite(createdAt) || !Number.isFinite(updatedAt)) {
        throw new VaultError('account-invalid');
      }
      return { id: randomId() as AccountId, payload, createdAt, updatedAt };
    });
    const highest = await callStore(() => store.maxOrder());
    const first = highest !== undefined && Number.isFinite(highest) ? Math.floor(highest) + 1 : 0;
    const firstVersion = { format: RECORD_FORMAT, version: 1 } as const;
    // The write itself is one step at the end: sealing counts for all but its last share.
    let done = 0;
    const sealed = await Promise.all(
      fresh.map(async ({ id, payload }) => {
        const one = await sealPayload(current, { id, ...firstVersion }, payload);
        done += 1;
        onProgress((done / fresh.length) * SEALING_SHARE);
        return one;
      }),
    );
    const records = fresh.map(({ id, createdAt, updatedAt }, index): AccountRecord => ({
      id,
      ...firstVersion,
      createdAt,
      updatedAt,
      order: first + index,
      sealed: sealed[index]!,
    }));
    // False after every attempt: another writer kept moving the manifest on, or an id was
    // taken (a 128-bit random collision); refusing is enough.
    if (!(await storeNew(current, records))) throw new VaultError('vault-busy');
    const accounts = records.map((record, index) => toAccount(record, fresh[index]!.payload));
    cache.put(accounts);
    onProgress(1);
    return accounts;
  }

  /** Stores new (or restored) records with the manifest naming them; false if it never could. */
  async function storeNew(
    current: VaultSession,
    records: readonly AccountRecord[],
    change = (manifest: VersionManifest) =>
      records.reduce((m, r) => withVersion(m, r.id, r.version), manifest),
  ) {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const added = await withManifest(current, change, (write) =>
        store.addRecords(records, write),
      );
      if (added) return true;
    }
    return false;
  }

  /** A new display order from a patch; throws `account-invalid` for anything but a finite number. */
  function orderOf(patch: { order?: number | undefined }, record: AccountRecord): number {
    if (patch.order === undefined) return record.order;
    if (typeof patch.order !== 'number' || !Number.isFinite(patch.order)) {
      throw new VaultError('account-invalid');
    }
    return patch.order;
  }

  const accounts: AccountStore = {
    forget() {
      cache.clear();
      manifests.forget();
      deleted.clear();
    },

    async list() {
      return toListing(await openAll(session()));
    },

    async get(id) {
      const current = session();
      const warm = cache.current();
      if (!warm) return (await readAccount(current, id)).account;
      const account = warm.accounts.get(id);
      if (account) return account;
      throw new VaultError(warm.damaged.has(id) ? 'record-damaged' : 'account-not-found');
    },

    async add(input) {
      const current = session();
      const [account] = await writing(() => addAll(current, [input], () => {}));
      return account!;
    },

    async addAccounts(inputs, { onProgress = () => {} } = {}) {
      const current = session();
      if (inputs.length === 0) return [];
      return writing(() => addAll(current, inputs, onProgress));
    },

    async findDuplicates(params) {
      const opened = await openAll(session());
      const seen = new Set<string>();
      return params.map((entry) => {
        const key = duplicateKey(entry);
        const duplicate = opened.keys.has(key) || seen.has(key);
        seen.add(key);
        return duplicate;
      });
    },

    async update(id, patch) {
      const current = session();
      return writing(async () => {
        for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
          // Read from the store, not the cache: the write below is conditional on what is
          // really on disk, and a record damaged there must be refused, not overwritten.
          const { record, account } = await readAccount(current, id);
          const payload = applyPatch(account, patch);
          const updated = await rewrite(current, record, payload, now(), orderOf(patch, record));
          if (updated) return updated;
        }
        throw new VaultError('vault-busy');
      });
    },

    async remove(id) {
      const current = session();
      return writing(async () => {
        for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
          // Works on damaged records too: deleting one is how a person gets rid of it.
          const stored = await callStore(() => store.getRecord(id));
          if (stored === undefined) throw new VaultError('account-not-found');
          // The manifest keeps the id at its newest version, marked removed, whatever copy was
          // on disk: only that version can ever be restored.
          const deleted = await withManifest(
            current,
            (manifest) => withRemoved(manifest, id, manifest.entries.get(id)?.version),
            (write) => store.deleteRecord(id, write),
          );
          if (deleted) {
            cache.remove(id);
            const record = parseRecord(stored);
            if (record) keepDeleted(record);
            return record;
          }
        }
        throw new VaultError('vault-busy');
      });
    },

    async restore(removed) {
      const current = session();
      const opened = await openRecord(current, removed);
      if (!opened) throw new VaultError('record-damaged');
      const { record, account } = opened;
      /** Only the exact version that was deleted, and only while it stays deleted. */
      const restoring = (manifest: VersionManifest) => {
        const entry = manifest.entries.get(record.id);
        if (!entry?.removed || entry.version !== record.version) {
          throw new VaultError('record-damaged');
        }
        return withVersion(manifest, record.id, record.version);
      };
      return writing(async () => {
        if (!(await storeNew(current, [record], restoring))) throw new VaultError('vault-busy');
        cache.put([account]);
        return account;
      });
    },

    async undoRemove(id) {
      session();
      const entry = deleted.get(id);
      if (!entry || now() - entry.at > UNDO_KEEP_MS) throw new VaultError('undo-expired');
      // The very record that was deleted, under the same manifest rule as any restore.
      const restored = await accounts.restore(entry.record);
      deleted.delete(id);
      return restored;
    },
  };
  return accounts;
}
