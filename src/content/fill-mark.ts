/**
 * A note in the tab's sessionStorage that Keyfob filled a setup code on this origin. On a
 * server-rendered setup page there is no observer to read VerifySoftwareToken's answer, so
 * the next page of the same origin without a setup screen reports `left-setup` and the
 * background decides what that means.
 */

const KEY = 'keyfob:setup-fill';
/** A note older than this is stale: the setup was abandoned long ago. */
const FILL_MARK_MAX_AGE_MS = 10 * 60 * 1000;

/** What the note says. */
export interface FillMark {
  enrollmentId?: string;
  /** When the fill happened, ms since the epoch. */
  at: number;
}

/** Writes the note; a store that refuses (sandboxed frames, full quota) is ignored. */
export function markFill(store: Storage | undefined, mark: FillMark): void {
  try {
    store?.setItem(KEY, JSON.stringify(mark));
  } catch {
    // No note, no left-setup report: the background keeps the account pending.
  }
}

/** Removes the note. */
export function clearFillMark(store: Storage | undefined): void {
  try {
    store?.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}

/** The note, when there is a well-formed one younger than `maxAgeMs`; the page can write it too. */
export function readFillMark(
  store: Storage | undefined,
  now: number,
  maxAgeMs = FILL_MARK_MAX_AGE_MS,
): FillMark | undefined {
  let raw: string | null | undefined;
  try {
    raw = store?.getItem(KEY);
  } catch {
    return undefined;
  }
  if (!raw || raw.length > 1000) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { at, enrollmentId } = value as { at?: unknown; enrollmentId?: unknown };
  if (typeof at !== 'number' || !(now - at >= 0 && now - at <= maxAgeMs)) return undefined;
  const mark: FillMark = { at };
  if (typeof enrollmentId === 'string' && enrollmentId.length <= 200) {
    mark.enrollmentId = enrollmentId;
  }
  return mark;
}
