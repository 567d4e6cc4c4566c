import {
  CryptoError,
  KDF_ALGORITHM,
  KDF_SALT_BYTES,
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
import { utf8Decode, utf8Encode } from '../shared';
import { keyCheckAd, keySlotAd } from './additional-data';
import { VaultError } from './errors';
import { checkPassphrase } from './passphrase-policy';
import { parseHeader } from './parse-stored';
import { VAULT_FORMAT, type PassphraseKeySlot, type VaultHeader } from './records';
import type { VaultService } from './service-contract';
import { callStore } from './store-call';
import type { VaultStore } from './vault-store';

/** The unlocked vault: its key, and the id every piece of additional data binds to. */
export interface VaultSession {
  readonly key: CryptoKey;
  readonly vaultId: string;
}

/** What {@link createKeyManager} needs. */
export interface KeyManagerOptions {
  store: VaultStore;
  /** PBKDF2 iterations for new key slots (see `VaultServiceOptions.iterations`). */
  iterations: number;
  now: () => number;
  /** Runs whenever a session starts or ends, so whatever was opened with the old key goes. */
  onSessionChange: () => void;
}

/** The key half of {@link VaultService}, plus the session the account store seals with. */
export type KeyManager = Pick<
  VaultService,
  | 'exists'
  | 'vaultId'
  | 'isUnlocked'
  | 'create'
  | 'unlock'
  | 'lock'
  | 'changePassphrase'
  | 'exportSessionKey'
  | 'unlockWithSessionKey'
> & {
  /** The current session; throws `vault-locked` while locked. */
  session(): VaultSession;
};

/**
 * Plaintext of the key check value. Its GCM tag already proves the key; comparing the text as
 * well costs nothing.
 */
const KEY_CHECK_PLAINTEXT = 'keyfob key check';

/**
 * Creates the key manager: the header and its passphrase key slot, unlocking (by passphrase
 * or by a parked session key), raising the KDF iterations of old headers, and the session.
 * The vault key lives only in this closure while unlocked.
 */
export function createKeyManager(options: KeyManagerOptions): KeyManager {
  const { store, iterations, now, onSessionChange } = options;
  let session: VaultSession | undefined;
  // Bumped by lock(): an unlock that started before a lock must not finish after it.
  let epoch = 0;

  async function loadHeader(): Promise<VaultHeader> {
    const stored = await callStore(() => store.readHeader());
    if (stored === undefined) throw new VaultError('vault-missing');
    return parseHeader(stored);
  }

  function requireSession(): VaultSession {
    if (!session) throw new VaultError('vault-locked');
    return session;
  }

  function startSession(key: CryptoKey, vaultId: string, startedAt: number): void {
    if (epoch !== startedAt) throw new VaultError('vault-locked');
    session = { key, vaultId };
    onSessionChange();
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
    return (await callStore(() => store.readHeader())) !== undefined;
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

  return {
    exists: vaultExists,

    async vaultId() {
      const stored = await callStore(() => store.readHeader());
      return stored === undefined ? null : parseHeader(stored).vaultId;
    },

    isUnlocked() {
      return session !== undefined;
    },

    session: requireSession,

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
      if (!(await callStore(() => store.createHeader(header)))) {
        throw new VaultError('vault-exists');
      }
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
      onSessionChange();
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
      if (!(await callStore(() => store.replaceHeader(updated, header.revision)))) {
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
  };
}
