import { openBox, sealBox } from '../crypto';
import { utf8Decode, utf8Encode } from '../shared';
import { manifestAd } from './additional-data';
import type { VaultSession } from './key-manager';
import { parseManifest } from './parse-stored';
import { MANIFEST_FORMAT, type StoredManifest } from './records';

/** One id's line: its newest version, and whether the record was deleted at that version. */
export interface ManifestEntry {
  readonly version: number;
  readonly removed?: true;
}

/**
 * The open version manifest: for every record id the vault wrote, the newest version it
 * wrote. A record on disk counts only if the manifest names it, not as removed, at no newer
 * version than the record's own; anything else is an old copy put back (or a record the vault
 * never wrote).
 */
export interface VersionManifest {
  readonly revision: number;
  readonly entries: ReadonlyMap<string, ManifestEntry>;
}

/** The manifest of a vault that has none on disk yet. */
export const EMPTY_MANIFEST: VersionManifest = { revision: 0, entries: new Map() };

/** Whether `record` is the newest version of a live record the manifest knows. */
export function vouchesFor(
  manifest: VersionManifest,
  record: { id: string; version: number },
): boolean {
  const entry = manifest.entries.get(record.id);
  return entry !== undefined && !entry.removed && record.version >= entry.version;
}

/** The manifest with `id` at `version` (written, added or restored). */
export function withVersion(manifest: VersionManifest, id: string, version: number) {
  return withEntry(manifest, id, { version });
}

/**
 * The manifest after `id` was deleted at `version`: the id stays, marked removed, so an old
 * copy is still refused and only the explicit restore of that exact version can bring it back.
 * A record too damaged to have a version leaves no line.
 */
export function withRemoved(manifest: VersionManifest, id: string, version: number | undefined) {
  return withEntry(manifest, id, version === undefined ? undefined : { version, removed: true });
}

function withEntry(
  manifest: VersionManifest,
  id: string,
  entry: ManifestEntry | undefined,
): VersionManifest {
  const entries = new Map(manifest.entries);
  if (entry) entries.set(id, entry);
  else entries.delete(id);
  return { revision: manifest.revision, entries };
}

type Line = [id: string, version: number, removed: 0 | 1];

/** Seals the manifest as revision `revision` of this session's vault. */
export async function sealManifest(
  session: VaultSession,
  manifest: VersionManifest,
  revision: number,
): Promise<StoredManifest> {
  const lines: Line[] = [...manifest.entries].map(([id, e]) => [id, e.version, e.removed ? 1 : 0]);
  const plaintext = utf8Encode(JSON.stringify(lines));
  const sealed = await sealBox(
    session.key,
    plaintext,
    manifestAd(session.vaultId, MANIFEST_FORMAT, revision),
  );
  return { format: MANIFEST_FORMAT, revision, sealed };
}

/** Opens a stored (untrusted) manifest; undefined when it is damaged in any way. */
export async function openManifest(
  session: VaultSession,
  stored: unknown,
): Promise<VersionManifest | undefined> {
  const parsed = parseManifest(stored);
  if (!parsed) return undefined;
  let lines: unknown;
  try {
    const ad = manifestAd(session.vaultId, parsed.format, parsed.revision);
    lines = JSON.parse(utf8Decode(await openBox(session.key, parsed.sealed, ad)));
  } catch {
    return undefined;
  }
  if (!Array.isArray(lines)) return undefined;
  const entries = new Map<string, ManifestEntry>();
  for (const line of lines as unknown[]) {
    if (!Array.isArray(line)) return undefined;
    const [id, version, removed] = line as unknown[];
    if (typeof id !== 'string' || !Number.isSafeInteger(version) || (version as number) < 0) {
      return undefined;
    }
    entries.set(
      id,
      removed === 1
        ? { version: version as number, removed: true }
        : { version: version as number },
    );
  }
  return { revision: parsed.revision, entries };
}
