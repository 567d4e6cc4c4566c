/**
 * The persisted, sealed shapes of the vault (docs/architecture.md §6, Bitwarden-style layering): what
 * IndexedDB holds. The open, in-memory shape is `Account` in `service-contract.ts`.
 *
 * Only plain structured-clone data lives here (numbers, strings, Uint8Array), so the storage
 * layer can hand these to IndexedDB as they are.
 */

/** Format version of the header; part of every piece of additional data. */
export const VAULT_FORMAT = 1;

/**
 * Format of account records. Format 2 binds the record's version into its additional data;
 * format 3 (same fields) says the record was written under a {@link StoredManifest}, so a
 * vault holding one without a manifest has lost it. Format 1 and 2 records still open, and
 * are rewritten as format 3.
 */
export const RECORD_FORMAT = 3;

/** The record formats this build reads. */
export type RecordFormat = 1 | 2 | typeof RECORD_FORMAT;

/** An AES-GCM ciphertext (tag appended) and its 96-bit IV, as stored. */
export interface StoredBox {
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/** How the vault key is wrapped under the passphrase. */
export interface PassphraseKeySlot {
  kdf: {
    algorithm: 'PBKDF2-HMAC-SHA256';
    iterations: number;
    /** 16 random bytes, fresh on every passphrase change. */
    salt: Uint8Array;
  };
  /** The 32-byte vault key, AES-256-GCM-wrapped under the derived key. */
  wrappedKey: StoredBox;
}

/** The vault header, stored once under a fixed key. Holds no secret in the clear. */
export interface VaultHeader {
  format: typeof VAULT_FORMAT;
  /** Random 128-bit id (hex): binds wrapped key, key check and every record to this vault. */
  vaultId: string;
  createdAt: number;
  /** Bumped on every header rewrite, so concurrent rewrites cannot silently overwrite each other. */
  revision: number;
  keySlot: PassphraseKeySlot;
  /** A fixed marker sealed with the vault key: proves a session key belongs to this vault. */
  keyCheck: StoredBox;
}

/**
 * One account as stored. Only the id, timestamps and display order are in the clear
 * (docs/architecture.md §3 rule 1); everything else is inside `sealed`.
 */
export interface AccountRecord {
  id: string;
  format: RecordFormat;
  /**
   * Bumped on every write and bound into the additional data, so an older copy of a record
   * can never pass for a newer one (0 for a format 1 record, which had none).
   */
  version: number;
  createdAt: number;
  updatedAt: number;
  order: number;
  sealed: StoredBox;
}

/** Format of the version manifest; part of its additional data. */
export const MANIFEST_FORMAT = 1;

/**
 * The sealed list of every record id and its newest version (and of deleted ids), stored
 * once beside the header and rewritten in the same transaction as every record write, so a
 * record put back from an old copy is refused even by a worker that never saw the newer one.
 */
export interface StoredManifest {
  format: typeof MANIFEST_FORMAT;
  /** Bumped on every rewrite and bound into the additional data; writes are conditional on it. */
  revision: number;
  sealed: StoredBox;
}

/**
 * A manifest to store with a record write, and the revision the stored one must still have
 * (`undefined`: there must be none yet). Any other revision writes nothing.
 */
export interface ManifestWrite {
  manifest: StoredManifest;
  expectedRevision: unknown;
}
