import type { AccountId } from '../shared';
import type { AccountRecord, ManifestWrite, StoredManifest, VaultHeader } from './records';

/**
 * Persistence the vault needs, implemented by `src/storage` on IndexedDB (and by
 * {@link createMemoryVaultStore} for tests). Values are sealed already; a store never sees a
 * key or a plaintext.
 *
 * Values read back are untrusted: the vault validates their shape before using them.
 * Every write is one atomic transaction, and conditional writes decide inside it, so a
 * concurrent writer can never be overwritten unnoticed. Every record write carries the next
 * version manifest ({@link ManifestWrite}): the record and the manifest change together or
 * not at all.
 */
export interface VaultStore {
  /** The stored header, or undefined when no vault exists. */
  readHeader(): Promise<VaultHeader | undefined>;
  /** Stores the first header. Resolves false, writing nothing, when a header already exists. */
  createHeader(header: VaultHeader): Promise<boolean>;
  /**
   * Replaces the header only if the stored one still has `expectedRevision`; resolves false,
   * writing nothing, otherwise.
   */
  replaceHeader(header: VaultHeader, expectedRevision: number): Promise<boolean>;
  /** Every stored record, including ones that will not open. */
  listRecords(): Promise<AccountRecord[]>;
  getRecord(id: AccountId): Promise<AccountRecord | undefined>;
  /** Highest `order` among stored records, or undefined when there are none. */
  maxOrder(): Promise<number | undefined>;
  /** The stored version manifest, or undefined when there is none (a vault from before it). */
  readManifest(): Promise<StoredManifest | undefined>;
  /**
   * Stores the manifest alone (the first one, built from the records); resolves false, writing
   * nothing, unless the stored one still has the expected revision.
   */
  replaceManifest(write: ManifestWrite): Promise<boolean>;
  /**
   * Stores new records and the manifest in one transaction: all of them or none. Resolves
   * false, writing nothing, if any id is taken or appears twice, or the manifest moved on.
   */
  addRecords(records: readonly AccountRecord[], write: ManifestWrite): Promise<boolean>;
  /**
   * Replaces a record only if the stored one still carries `expectedIv` (every write uses a
   * fresh IV, so the IV identifies the version that was read) and the manifest has not moved
   * on. Resolves false, writing nothing, otherwise.
   */
  replaceRecord(
    record: AccountRecord,
    expectedIv: Uint8Array,
    write: ManifestWrite,
  ): Promise<boolean>;
  /**
   * Deletes a record with the manifest write; resolves false, writing nothing, if there was
   * none or the manifest moved on.
   */
  deleteRecord(id: AccountId, write: ManifestWrite): Promise<boolean>;
}
