import { sameBytes, type AccountId } from '../shared';
import type { AccountRecord, ManifestWrite, StoredManifest, VaultHeader } from './records';
import type { VaultStore } from './vault-store';

/** A {@link VaultStore} in memory, with its contents open to inspection and tampering. */
export interface MemoryVaultStore extends VaultStore {
  /** What is "on disk". Tests may read and change it directly. */
  readonly contents: { header?: unknown; manifest?: unknown; records: Map<string, unknown> };
}

/**
 * An in-memory VaultStore for unit tests of the vault and of its callers. Values are
 * structured-cloned on the way in and out, as IndexedDB does, so nobody shares objects with
 * the "disk".
 */
export function createMemoryVaultStore(): MemoryVaultStore {
  const contents: MemoryVaultStore['contents'] = { records: new Map() };
  const clone = <T>(value: T): T => structuredClone(value);
  const manifestMoved = (write: ManifestWrite) =>
    !Object.is(
      (contents.manifest as { revision?: unknown } | undefined)?.revision,
      write.expectedRevision,
    );
  const storeManifest = (write: ManifestWrite) => {
    contents.manifest = clone(write.manifest);
    return true;
  };

  return {
    contents,
    async readHeader() {
      return clone(contents.header) as VaultHeader | undefined;
    },
    async createHeader(header) {
      if (contents.header !== undefined) return false;
      contents.header = clone(header);
      return true;
    },
    async replaceHeader(header, expectedRevision) {
      const stored = contents.header as { revision?: unknown } | undefined;
      if (stored?.revision !== expectedRevision) return false;
      contents.header = clone(header);
      return true;
    },
    async listRecords() {
      return [...contents.records.values()].map(clone) as AccountRecord[];
    },
    async getRecord(id: AccountId) {
      return clone(contents.records.get(id)) as AccountRecord | undefined;
    },
    async maxOrder() {
      const orders = [...contents.records.values()]
        .map((record) => (record as { order?: unknown }).order)
        .filter((order): order is number => typeof order === 'number');
      return orders.length > 0 ? Math.max(...orders) : undefined;
    },
    async readManifest() {
      return clone(contents.manifest) as StoredManifest | undefined;
    },
    async replaceManifest(write) {
      return !manifestMoved(write) && storeManifest(write);
    },
    async addRecords(records, write) {
      const ids = new Set(records.map((record) => record.id));
      if (ids.size < records.length || [...ids].some((id) => contents.records.has(id))) {
        return false;
      }
      if (manifestMoved(write)) return false;
      for (const record of records) contents.records.set(record.id, clone(record));
      return storeManifest(write);
    },
    async replaceRecord(record, expectedIv, write) {
      const stored = contents.records.get(record.id) as { sealed?: { iv?: unknown } } | undefined;
      if (!sameBytes(stored?.sealed?.iv, expectedIv) || manifestMoved(write)) return false;
      contents.records.set(record.id, clone(record));
      return storeManifest(write);
    },
    async deleteRecord(id, write) {
      if (!contents.records.has(id) || manifestMoved(write)) return false;
      contents.records.delete(id);
      return storeManifest(write);
    },
  };
}
