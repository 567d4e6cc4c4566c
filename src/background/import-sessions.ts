import { randomId } from '../crypto';
import { KeyfobError } from '../shared';
import type { ImportResult } from '../transfer';

/** How long a preview waits for the person to confirm it before its accounts are forgotten. */
export const IMPORT_HOLD_MS = 10 * 60_000;

/** Previews held at once; a new one beyond this evicts the oldest. */
const MAX_HELD = 4;

/** An import the background read and is holding until the person confirms it. */
export interface HeldImport {
  result: ImportResult;
  /** `duplicates[i]`: `result.accounts[i]` is already in the vault or earlier in this import. */
  duplicates: boolean[];
}

/**
 * Parsed imports, secrets included, kept in background memory only (never in storage) between
 * the preview and the person's confirmation. Dropped on lock, on commit and after
 * {@link IMPORT_HOLD_MS}.
 */
export function createImportSessions(deps: { now: () => number; holdMs?: number }) {
  const { now, holdMs = IMPORT_HOLD_MS } = deps;
  const held = new Map<string, HeldImport & { until: number }>();

  const prune = () => {
    const at = now();
    for (const [id, entry] of held) if (entry.until <= at) held.delete(id);
  };

  return {
    /** Keeps an import and returns the id the page confirms it with. */
    hold(entry: HeldImport): string {
      prune();
      while (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
      const id = randomId();
      held.set(id, { ...entry, until: now() + holdMs });
      return id;
    },
    /** The held import, or `import-expired` when it was dropped (lock, timeout, restart). */
    get(id: string): HeldImport {
      prune();
      const entry = typeof id === 'string' ? held.get(id) : undefined;
      if (!entry) {
        throw new KeyfobError(
          'import-expired',
          'This import is no longer open (Keyfob locked, or it waited too long). Please start it again.',
        );
      }
      return entry;
    },
    /** Forgets one import. */
    drop(id: string): void {
      held.delete(id);
    },
    /** Forgets every import: the vault locked. */
    clear(): void {
      held.clear();
    },
  };
}

/** The import sessions' interface. */
export type ImportSessions = ReturnType<typeof createImportSessions>;
