import { randomId } from '../crypto';
import type { AccountId } from '../shared';
import { createAccountCache, duplicateKey, openedVault, toListing } from './account-cache';
import { applyPatch } from './account-patch';
import { toAccountPayload, type AccountPayload } from './account-payload';
import { openRecord, sealPayload, toAccount, type OpenedRecord } from './account-sealing';
import { VaultError } from './errors';
import type { VaultSession } from './key-manager';
import { recordIdOf } from './parse-stored';
import { RECORD_FORMAT, type AccountRecord } from './records';
import type { Account, NewAccount, VaultService } from './service-contract';
import { callStore } from './store-call';
import type { VaultStore } from './vault-store';

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
  'list' | 'get' | 'add' | 'addAccounts' | 'findDuplicates' | 'update' | 'remove'
> & {
  /** Forgets every opened account; call whenever the session starts or ends. */
  forget(): void;
};

/** The part of a bulk add's progress that sealing takes; the one write takes the rest. */
const SEALING_SHARE = 0.9;

/** How often an update re-reads and retries when another write got in between. */
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
   * The newest version of each record this worker has read or written. A record that comes
   * back older was restored from an old copy: it is treated as damaged, never as the account.
   */
  const newestSeen = new Map<string, number>();

  const isOlderThanSeen = (record: AccountRecord) =>
    record.version < (newestSeen.get(record.id) ?? 0);

  /** Whether a record is at least as new as any version of it seen; remembers it if so. */
  function isCurrent(record: AccountRecord): boolean {
    if (isOlderThanSeen(record)) return false;
    newestSeen.set(record.id, record.version);
    return true;
  }

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
    let ticket = cache.beginLoad();
    let stored = await callStore(() => store.listRecords());
    let opened = await Promise.all(stored.map((value) => openRecord(current, value)));
    // An older version than one we wrote may just be a write that landed after our read:
    // read once more before calling it a restored old copy.
    if (opened.some((entry) => entry && isOlderThanSeen(entry.record))) {
      ticket = cache.beginLoad();
      stored = await callStore(() => store.listRecords());
      opened = await Promise.all(stored.map((value) => openRecord(current, value)));
    }
    const accounts: Account[] = [];
    const damaged: AccountId[] = [];
    const legacy: OpenedRecord[] = [];
    opened.forEach((entry, index) => {
      if (entry && isCurrent(entry.record)) {
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
   * Rewrites format 1 records as format 2, so their version is bound too. Best effort: a
   * record that fails or changed meanwhile stays readable and is tried at the next listing.
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
  ): Promise<Account | null> {
    const next: AccountRecord = {
      ...record,
      format: RECORD_FORMAT,
      version: record.version + 1,
      updatedAt,
      sealed: await sealPayload(
        current,
        { ...record, format: RECORD_FORMAT, version: record.version + 1 },
        payload,
      ),
    };
    // Conditional on the IV we read: a write in between (say, another HOTP step) is
    // re-read and re-applied instead of being silently lost.
    if (!(await callStore(() => store.replaceRecord(next, record.sealed.iv)))) return null;
    newestSeen.set(next.id, next.version);
    const updated = toAccount(next, payload);
    cache.put([updated]);
    return updated;
  }

  /** One record read from the store and opened; refuses a missing or damaged one. */
  async function readAccount(current: VaultSession, id: AccountId): Promise<OpenedRecord> {
    for (let attempt = 1; ; attempt++) {
      const stored = await callStore(() => store.getRecord(id));
      if (stored === undefined) throw new VaultError('account-not-found');
      const opened = await openRecord(current, stored);
      if (!opened) throw new VaultError('record-damaged');
      if (isCurrent(opened.record)) return opened;
      // Older than a version this worker has seen: either a write of ours committed while this
      // read was in flight (reading again finds it), or an old copy was put back (it stays old).
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
    // A taken id means a 128-bit random collision; refusing is enough.
    if (!(await callStore(() => store.addRecords(records)))) throw new VaultError('vault-busy');
    const accounts = records.map((record, index) => toAccount(record, fresh[index]!.payload));
    for (const record of records) newestSeen.set(record.id, record.version);
    cache.put(accounts);
    onProgress(1);
    return accounts;
  }

  return {
    forget: () => cache.clear(),

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
          const updated = await rewrite(current, record, applyPatch(account, patch), now());
          if (updated) return updated;
        }
        throw new VaultError('vault-busy');
      });
    },

    async remove(id) {
      session();
      await writing(async () => {
        // Works on damaged records too: deleting one is how a person gets rid of it.
        if (!(await callStore(() => store.deleteRecord(id)))) {
          throw new VaultError('account-not-found');
        }
        cache.remove(id);
      });
    },
  };
}
