import {
  CryptoError,
  KDF_ALGORITHM,
  KDF_SALT_BYTES,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MAX_ITERATIONS,
  derivePassphraseKey,
  exportVaultKey,
  generateVaultKey,
  importVaultKey,
  openBox,
  randomBytes,
  randomId,
  sealBox,
  unwrapVaultKey,
  wrapVaultKey,
} from '../crypto';
import { isKeyfobError, utf8Decode, utf8Encode, wipe, type AccountId } from '../shared';
import {
  decodePayload,
  encodePayload,
  toAccountPayload,
  toOtpParams,
  type AccountPayload,
} from './account-payload';
import { createAccountCache, duplicateKey, openedVault, toListing } from './account-cache';
import { accountAd, keyCheckAd, keySlotAd } from './additional-data';
import { VaultError } from './errors';
import { checkPassphrase } from './passphrase-policy';
import { parseHeader, parseRecord, recordIdOf } from './parse-stored';
import {
  VAULT_FORMAT,
  type AccountRecord,
  type PassphraseKeySlot,
  type VaultHeader,
} from './records';
import type { Account, AccountPatch, NewAccount, VaultService } from './service-contract';
import type { VaultStore } from './vault-store';

/** What {@link createVaultService} needs. */
export interface VaultServiceOptions {
  store: VaultStore;
  /**
   * PBKDF2 iterations for new key slots; default 600,000. Headers written with fewer are
   * re-wrapped at the next successful unlock, so raising this raises every vault over time.
   * Tests pass a small number for speed.
   */
  iterations?: number;
  /** Clock for record timestamps (ms since the epoch). */
  now?: () => number;
}

/**
 * Plaintext of the key check value. Its GCM tag already proves the key; comparing the text as
 * well costs nothing.
 */
const KEY_CHECK_PLAINTEXT = 'keyfob key check';

/** How often an update re-reads and retries when another write got in between. */
const UPDATE_ATTEMPTS = 3;

interface Session {
  key: CryptoKey;
  vaultId: string;
}

interface OpenedRecord {
  record: AccountRecord;
  account: Account;
}

const PATCHABLE_PARAMS = ['account', 'issuer', 'algorithm', 'digits', 'period', 'counter'] as const;
/** Params a patch may remove by naming them with the value `undefined`. */
const OPTIONAL_PARAMS: ReadonlySet<string> = new Set(['issuer', 'counter']);

/**
 * Creates the vault service the background uses (see {@link VaultService}).
 *
 * The vault key lives only in this closure while unlocked. All WebCrypto work for a write
 * happens before the store is called, because an IndexedDB transaction commits by itself as
 * soon as it waits on anything that is not IndexedDB (DESIGN.md §3 rule 10).
 */
export function createVaultService(options: VaultServiceOptions): VaultService {
  const { store, iterations = PBKDF2_DEFAULT_ITERATIONS, now = Date.now } = options;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from 1 to ${PBKDF2_MAX_ITERATIONS}`);
  }

  let session: Session | undefined;
  // Bumped by lock(): an unlock that started before a lock must not finish after it.
  let epoch = 0;
  const cache = createAccountCache();

  /** Runs a store call; failures other than our own become `storage-failed`. */
  async function storage<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isKeyfobError(error)) throw error;
      // IndexedDB errors describe sealed data at most, so they are safe to keep as cause.
      throw new VaultError('storage-failed', { cause: error });
    }
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

  async function loadHeader(): Promise<VaultHeader> {
    const stored = await storage(() => store.readHeader());
    if (stored === undefined) throw new VaultError('vault-missing');
    return parseHeader(stored);
  }

  function requireSession(): Session {
    if (!session) throw new VaultError('vault-locked');
    return session;
  }

  function startSession(key: CryptoKey, vaultId: string, startedAt: number): void {
    if (epoch !== startedAt) throw new VaultError('vault-locked');
    cache.clear();
    session = { key, vaultId };
  }

  function checkNewPassphrase(next: string, confirmation: string): void {
    const verdict = checkPassphrase(next);
    if (!verdict.ok) throw new VaultError('passphrase-weak', { reason: verdict.message });
    // Compared the way the KDF sees them, so two spellings of one passphrase match.
    if (next.normalize('NFC') !== confirmation.normalize('NFC')) {
      throw new VaultError('passphrase-mismatch');
    }
  }

  async function makeKeySlot(
    passphrase: string,
    vaultKey: CryptoKey,
    vaultId: string,
    slotIterations: number,
  ): Promise<PassphraseKeySlot> {
    const salt = randomBytes(KDF_SALT_BYTES);
    const wrappingKey = await derivePassphraseKey(passphrase, { salt, iterations: slotIterations });
    const wrappedKey = await wrapVaultKey(
      vaultKey,
      wrappingKey,
      keySlotAd(vaultId, slotIterations, salt),
    );
    return { kdf: { algorithm: KDF_ALGORITHM, iterations: slotIterations, salt }, wrappedKey };
  }

  /** Unwraps the vault key; only reads, so a wrong passphrase changes nothing on disk. */
  async function unwrapWithPassphrase(passphrase: string, header: VaultHeader): Promise<CryptoKey> {
    const { kdf, wrappedKey } = header.keySlot;
    const wrappingKey = await derivePassphraseKey(passphrase, kdf);
    try {
      return await unwrapVaultKey(
        wrappedKey,
        wrappingKey,
        keySlotAd(header.vaultId, kdf.iterations, kdf.salt),
      );
    } catch (error) {
      // GCM cannot tell a wrong passphrase from an edited salt or wrapped key; both land here.
      if (error instanceof CryptoError) throw new VaultError('wrong-passphrase');
      throw error;
    }
  }

  /** Whether `key` opens this header's key check value, i.e. is this vault's key. */
  async function keyMatchesHeader(key: CryptoKey, header: VaultHeader): Promise<boolean> {
    try {
      const plain = await openBox(key, header.keyCheck, keyCheckAd(header.vaultId));
      return utf8Decode(plain) === KEY_CHECK_PLAINTEXT;
    } catch {
      return false;
    }
  }

  async function vaultExists(): Promise<boolean> {
    return (await storage(() => store.readHeader())) !== undefined;
  }

  /** Re-wraps under today's iteration count after a successful unlock; best effort. */
  async function raiseIterations(
    passphrase: string,
    key: CryptoKey,
    header: VaultHeader,
  ): Promise<void> {
    try {
      const keySlot = await makeKeySlot(passphrase, key, header.vaultId, iterations);
      await store.replaceHeader(
        { ...header, revision: header.revision + 1, keySlot },
        header.revision,
      );
    } catch {
      // The old slot is still valid and the next unlock tries again, so failing here must not
      // fail the unlock.
    }
  }

  /** Opens a stored record; undefined when it is damaged in any way (it stays on disk). */
  async function openRecord(current: Session, stored: unknown): Promise<OpenedRecord | undefined> {
    const record = parseRecord(stored);
    if (!record) return undefined;
    let plaintext: Uint8Array;
    try {
      const ad = accountAd(current.vaultId, record.id, record.format);
      plaintext = await openBox(current.key, record.sealed, ad);
    } catch {
      return undefined;
    }
    const payload = decodePayload(plaintext);
    wipe(plaintext);
    return payload && { record, account: toAccount(record, payload) };
  }

  async function readAccount(current: Session, id: AccountId): Promise<OpenedRecord> {
    const stored = await storage(() => store.getRecord(id));
    if (stored === undefined) throw new VaultError('account-not-found');
    const opened = await openRecord(current, stored);
    if (!opened) throw new VaultError('record-damaged');
    return opened;
  }

  /** The open vault: from the cache when warm, else every record opened (and cached). */
  async function openAll(current: Session) {
    const warm = cache.current();
    if (warm) return warm;
    const ticket = cache.beginLoad();
    const stored = await storage(() => store.listRecords());
    const opened = await Promise.all(stored.map((value) => openRecord(current, value)));
    const accounts: Account[] = [];
    const damaged: AccountId[] = [];
    opened.forEach((entry, index) => {
      if (entry) {
        accounts.push(entry.account);
      } else {
        const id = recordIdOf(stored[index]);
        if (id !== undefined) damaged.push(id as AccountId);
      }
    });
    const result = openedVault(accounts, damaged);
    cache.install(ticket, result);
    return result;
  }

  /** Seals every new account, then stores them in one transaction (see `addAccounts`). */
  async function addAll(current: Session, inputs: readonly NewAccount[]): Promise<Account[]> {
    const time = now();
    const fresh = inputs.map((input) => {
      const payload = toAccountPayload({ ...input, state: input.state ?? 'verified' });
      const { createdAt = time, updatedAt = time } = input;
      if (!payload || !Number.isFinite(createdAt) || !Number.isFinite(updatedAt)) {
        throw new VaultError('account-invalid');
      }
      return { id: randomId() as AccountId, payload, createdAt, updatedAt };
    });
    const highest = await storage(() => store.maxOrder());
    const first = highest !== undefined && Number.isFinite(highest) ? Math.floor(highest) + 1 : 0;
    const sealed = await Promise.all(fresh.map(({ id, payload }) => seal(current, id, payload)));
    const records = fresh.map(({ id, createdAt, updatedAt }, index): AccountRecord => ({
      id,
      format: VAULT_FORMAT,
      createdAt,
      updatedAt,
      order: first + index,
      sealed: sealed[index]!,
    }));
    // A taken id means a 128-bit random collision; refusing is enough.
    if (!(await storage(() => store.addRecords(records)))) throw new VaultError('vault-busy');
    const accounts = records.map((record, index) => toAccount(record, fresh[index]!.payload));
    cache.put(accounts);
    return accounts;
  }

  async function seal(current: Session, id: string, payload: AccountPayload) {
    const plaintext = encodePayload(payload);
    try {
      return await sealBox(current.key, plaintext, accountAd(current.vaultId, id));
    } finally {
      wipe(plaintext);
    }
  }

  return {
    exists: vaultExists,

    isUnlocked() {
      return session !== undefined;
    },

    async create(passphrase, confirmation) {
      if (await vaultExists()) throw new VaultError('vault-exists');
      checkNewPassphrase(passphrase, confirmation);
      const startedAt = epoch;
      const key = await generateVaultKey();
      const vaultId = randomId();
      const keySlot = await makeKeySlot(passphrase, key, vaultId, iterations);
      const keyCheck = await sealBox(key, utf8Encode(KEY_CHECK_PLAINTEXT), keyCheckAd(vaultId));
      const header: VaultHeader = {
        format: VAULT_FORMAT,
        vaultId,
        createdAt: now(),
        revision: 0,
        keySlot,
        keyCheck,
      };
      if (!(await storage(() => store.createHeader(header)))) throw new VaultError('vault-exists');
      // A lock() while creating wins: the vault exists, but stays locked.
      if (epoch === startedAt) startSession(key, vaultId, startedAt);
    },

    async unlock(passphrase) {
      const startedAt = epoch;
      const header = await loadHeader();
      const key = await unwrapWithPassphrase(passphrase, header);
      if (!(await keyMatchesHeader(key, header))) throw new VaultError('vault-header-damaged');
      if (header.keySlot.kdf.iterations < iterations) {
        await raiseIterations(passphrase, key, header);
      }
      startSession(key, header.vaultId, startedAt);
    },

    lock() {
      epoch += 1;
      session = undefined;
      cache.clear();
    },

    async changePassphrase(current, next, confirmation) {
      checkNewPassphrase(next, confirmation);
      const header = await loadHeader();
      const key = await unwrapWithPassphrase(current, header);
      if (!(await keyMatchesHeader(key, header))) throw new VaultError('vault-header-damaged');
      // Never lower a count that was raised on purpose.
      const slotIterations = Math.max(iterations, header.keySlot.kdf.iterations);
      const keySlot = await makeKeySlot(next, key, header.vaultId, slotIterations);
      const updated: VaultHeader = { ...header, revision: header.revision + 1, keySlot };
      if (!(await storage(() => store.replaceHeader(updated, header.revision)))) {
        throw new VaultError('vault-busy');
      }
    },

    async exportSessionKey() {
      return exportVaultKey(requireSession().key);
    },

    async unlockWithSessionKey(raw) {
      const startedAt = epoch;
      const header = await loadHeader();
      let key: CryptoKey;
      try {
        key = await importVaultKey(raw);
      } catch {
        throw new VaultError('session-key-invalid');
      }
      if (!(await keyMatchesHeader(key, header))) throw new VaultError('session-key-invalid');
      startSession(key, header.vaultId, startedAt);
    },

    async list() {
      return toListing(await openAll(requireSession()));
    },

    async get(id) {
      const current = requireSession();
      const warm = cache.current();
      if (!warm) return (await readAccount(current, id)).account;
      const account = warm.accounts.get(id);
      if (account) return account;
      throw new VaultError(warm.damaged.has(id) ? 'record-damaged' : 'account-not-found');
    },

    async add(input: NewAccount) {
      const current = requireSession();
      const [account] = await writing(() => addAll(current, [input]));
      return account!;
    },

    async addAccounts(inputs: NewAccount[]) {
      const current = requireSession();
      if (inputs.length === 0) return [];
      return writing(() => addAll(current, inputs));
    },

    async findDuplicates(params) {
      const opened = await openAll(requireSession());
      const seen = new Set<string>();
      return params.map((entry) => {
        const key = duplicateKey(entry);
        const duplicate = opened.keys.has(key) || seen.has(key);
        seen.add(key);
        return duplicate;
      });
    },

    async update(id: AccountId, patch: AccountPatch) {
      const current = requireSession();
      return writing(async () => {
        for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
          // Read from the store, not the cache: the write below is conditional on what is
          // really on disk, and a record damaged there must be refused, not overwritten.
          const { record, account } = await readAccount(current, id);
          const payload = applyPatch(account, patch);
          const sealed = await seal(current, record.id, payload);
          const next: AccountRecord = { ...record, updatedAt: now(), sealed };
          // Conditional on the IV we read: a write in between (say, another HOTP step) is
          // re-read and re-applied instead of being silently lost.
          if (await storage(() => store.replaceRecord(next, record.sealed.iv))) {
            const updated = toAccount(next, payload);
            cache.put([updated]);
            return updated;
          }
        }
        throw new VaultError('vault-busy');
      });
    },

    async remove(id) {
      requireSession();
      await writing(async () => {
        // Works on damaged records too: deleting one is how a person gets rid of it.
        if (!(await storage(() => store.deleteRecord(id)))) {
          throw new VaultError('account-not-found');
        }
        cache.remove(id);
      });
    },
  };
}

function toAccount(record: AccountRecord, payload: AccountPayload): Account {
  const account: Account = {
    id: record.id as AccountId,
    params: payload.params,
    state: payload.state,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    order: record.order,
  };
  if (payload.origin !== undefined) account.origin = payload.origin;
  // Every caller shares the cached objects: an edit must go through the vault.
  Object.freeze(account.params);
  return Object.freeze(account);
}

/**
 * Applies a patch (semantics on {@link AccountPatch}). The secret and the OTP type are not
 * patchable, whatever a caller passes at run time.
 */
function applyPatch(account: Account, patch: AccountPatch): AccountPayload {
  const params: Record<string, unknown> = { ...account.params };
  for (const field of PATCHABLE_PARAMS) {
    if (!patch.params || !(field in patch.params)) continue;
    const value = patch.params[field];
    if (value !== undefined) params[field] = value;
    else if (OPTIONAL_PARAMS.has(field)) delete params[field];
  }
  if (params.issuer === '') delete params.issuer;
  const otpParams = toOtpParams(params);
  const payload = toAccountPayload({
    params: otpParams,
    state: patch.state ?? account.state,
    origin: patch.origin ?? account.origin,
  });
  if (!otpParams || !payload) throw new VaultError('account-invalid');
  return payload;
}
