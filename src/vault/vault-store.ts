import type { AccountId } from '../shared';
import type { AccountRecord, VaultHeader } from './records';

/**
 * Persistence the vault needs, implemented by `src/storage` on IndexedDB (and by
 * {@link createMemoryVaultStore} for tests). Values are sealed already; a store never sees a
 * key or a plaintext.
 *
 * Values read back are untrusted: the vault validates their shape before using them.
 * Every write is one atomic transaction, and conditional writes decide inside it, so a
 * concurrent writer can never be overwritten unnoticed.
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
  /**
   * Stores new records in one transaction: all of them or none. Resolves false, writing
   * nothing, if any id is taken or appears twice.
   */
  addRecords(records: readonly AccountRecord[]): Promise<boolean>;
  /**
   * Replaces a record only if the stored one still carries `expectedIv` (every write uses a
   * fresh IV, so the IV identifies the version that was read). Resolves false otherwise.
   */
  replaceRecord(record: AccountRecord, expectedIv: Uint8Array): Promise<boolean>;
  /** Deletes a record; resolves false if there was none. */
  deleteRecord(id: AccountId): Promise<boolean>;
}
