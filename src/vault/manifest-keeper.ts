import { openRecord } from './account-sealing';
import type { VaultSession } from './key-manager';
import { parseRecord } from './parse-stored';
import { RECORD_FORMAT, type ManifestWrite } from './records';
import { callStore } from './store-call';
import type { VaultStore } from './vault-store';
import {
  EMPTY_MANIFEST,
  openManifest,
  sealManifest,
  withVersion,
  type VersionManifest,
} from './version-manifest';

/** The manifest this worker holds, and the stored revision its next write must find. */
interface Known {
  manifest: VersionManifest;
  /** Raw `revision` of what is on disk (`undefined`: nothing yet), compared as it is. */
  expected: unknown;
}

/** Keeps the record-version manifest (see {@link VersionManifest}) for the account store. */
export interface ManifestKeeper {
  /**
   * The manifest as this worker knows it: read from disk once per session, or, for a vault
   * from before manifests, built from its records and stored.
   */
  current(session: VaultSession): Promise<VersionManifest>;
  /** Reads the manifest from disk again: another writer may have moved it on. */
  reload(session: VaultSession): Promise<VersionManifest>;
  /**
   * Runs one record write with the next manifest (`change` of the current one), one write at
   * a time, so this worker's own writes never race each other for the manifest. Resolves with
   * the store's answer; after false the manifest is read from disk again.
   */
  write(
    session: VaultSession,
    change: (manifest: VersionManifest) => VersionManifest,
    storeWrite: (write: ManifestWrite) => Promise<boolean>,
  ): Promise<boolean>;
  /** Drops what it holds; call whenever the session starts or ends. */
  forget(): void;
}

/** Creates the {@link ManifestKeeper} over `store`. */
export function createManifestKeeper(store: VaultStore): ManifestKeeper {
  let known: Known | undefined;
  // Bumped by forget(), so a load or write from an ended session cannot install its result.
  let epoch = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(session: VaultSession): Promise<Known> {
    const stored: unknown = await callStore(() => store.readManifest());
    if (stored === undefined) return build(session);
    const expected = (stored as { revision?: unknown }).revision;
    // A manifest that does not open vouches for nothing: every record is refused as damaged
    // (and kept) until written again; rebuilding it from the records would let an old copy in.
    const manifest = (await openManifest(session, stored)) ?? {
      revision: Number.isSafeInteger(expected) ? (expected as number) : 0,
      entries: new Map(),
    };
    return { manifest, expected };
  }

  /**
   * The first manifest of a vault written before manifests, from the versions of its records
   * that open. A record of today's format means the vault had a manifest that is gone: then
   * nothing is vouched for, as with a damaged one.
   */
  async function build(session: VaultSession): Promise<Known> {
    const stored = await callStore(() => store.listRecords());
    if (stored.some((value) => parseRecord(value)?.format === RECORD_FORMAT)) {
      return { manifest: EMPTY_MANIFEST, expected: undefined };
    }
    // A new vault: the first record write stores the first manifest.
    if (stored.length === 0) return { manifest: EMPTY_MANIFEST, expected: undefined };
    const opened = await Promise.all(stored.map((value) => openRecord(session, value)));
    let manifest = EMPTY_MANIFEST;
    for (const entry of opened) {
      if (entry) manifest = withVersion(manifest, entry.record.id, entry.record.version);
    }
    const first = await sealManifest(session, manifest, 1);
    if (
      await callStore(() => store.replaceManifest({ manifest: first, expectedRevision: undefined }))
    ) {
      return { manifest: { ...manifest, revision: 1 }, expected: 1 };
    }
    // Another writer stored one first: use theirs.
    return load(session);
  }

  async function currentKnown(session: VaultSession): Promise<Known> {
    if (known) return known;
    const started = epoch;
    const loaded = await load(session);
    if (started === epoch) known = loaded;
    return loaded;
  }

  const current = async (session: VaultSession) => (await currentKnown(session)).manifest;

  async function writeNow(
    session: VaultSession,
    change: (manifest: VersionManifest) => VersionManifest,
    storeWrite: (write: ManifestWrite) => Promise<boolean>,
  ): Promise<boolean> {
    const started = epoch;
    const { manifest: base, expected } = await currentKnown(session);
    const revision = base.revision + 1;
    const next = { ...change(base), revision };
    const sealed = await sealManifest(session, next, revision);
    let ok = false;
    try {
      ok = await storeWrite({ manifest: sealed, expectedRevision: expected });
    } finally {
      if (started === epoch) known = ok ? { manifest: next, expected: revision } : undefined;
    }
    return ok;
  }

  return {
    current,

    async reload(session) {
      known = undefined;
      return current(session);
    },

    write(session, change, storeWrite) {
      const run = () => writeNow(session, change, storeWrite);
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },

    forget() {
      epoch += 1;
      known = undefined;
    },
  };
}
