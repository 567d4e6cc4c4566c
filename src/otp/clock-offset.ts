// How far a site's clock is from this computer's, learned from the `Date` header of the site's
// answers, so that codes are made for the server's time step. Pure: the caller says when the
// answer arrived (docs/architecture.md §3 rule 14).

/**
 * Largest offset Keyfob ever applies, either way. Beyond it a `Date` header is more likely a
 * stale cache or a broken proxy than a clock, and following it would hand out codes of steps
 * far from now.
 */
export const MAX_CLOCK_OFFSET_MS = 5 * 60 * 1000;

/**
 * A new reading replaces the current offset only when it differs by more than this: a `Date`
 * header counts whole seconds, and the answer took some time to arrive.
 */
export const CLOCK_JITTER_MS = 2000;

/** From this offset on the popup warns that the computer's clock is off. */
export const CLOCK_WARNING_MS = 15 * 1000;

/** An IMF-fixdate as HTTP servers send it: `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7). */
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** The offset Keyfob adds to this computer's clock, and where it learned it. */
export interface ClockOffset {
  offsetMs: number;
  /** Host whose answer taught it. */
  host: string;
  /** This computer's time when it was learned (ms since the epoch). */
  learnedAtMs: number;
}

/** One answer of a site, as the browser saw it arrive. */
export interface ServerTimeReading {
  /** The answer's `Date` header, as sent. */
  date: string;
  /** This computer's time when the answer's headers arrived (ms since the epoch). */
  arrivedAtMs: number;
  host: string;
}

/** Milliseconds since the epoch of an HTTP `Date` header; null unless it is an IMF-fixdate. */
export function parseHttpDate(value: string): number | null {
  const text = value.trim();
  if (!IMF_FIXDATE.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The server's clock minus this computer's, from one answer: the header truncates to the
 * second, so the server's time at sending lay in [date, date + 1 s); its middle is the best
 * guess. Null for an unreadable header or an offset beyond {@link MAX_CLOCK_OFFSET_MS}.
 */
export function estimateOffset(reading: ServerTimeReading): number | null {
  const dateMs = parseHttpDate(reading.date);
  if (dateMs === null || !Number.isFinite(reading.arrivedAtMs)) return null;
  const offset = Math.round(dateMs + 500 - reading.arrivedAtMs);
  return Math.abs(offset) > MAX_CLOCK_OFFSET_MS ? null : offset;
}

/**
 * The offset to keep after `reading`: the current one unless the reading is usable and differs
 * from it by more than {@link CLOCK_JITTER_MS}. No offset counts as zero.
 */
export function adoptOffset(
  current: ClockOffset | null,
  reading: ServerTimeReading,
): ClockOffset | null {
  const estimate = estimateOffset(reading);
  if (estimate === null) return current;
  if (Math.abs(estimate - (current?.offsetMs ?? 0)) <= CLOCK_JITTER_MS) return current;
  return { offsetMs: estimate, host: reading.host, learnedAtMs: reading.arrivedAtMs };
}

/** Whether a stored value is a usable offset (within the bound, from a named host). */
export function isClockOffset(value: unknown): value is ClockOffset {
  if (typeof value !== 'object' || value === null) return false;
  const { offsetMs, host, learnedAtMs } = value as Record<string, unknown>;
  return (
    typeof offsetMs === 'number' &&
    Number.isFinite(offsetMs) &&
    Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS &&
    typeof host === 'string' &&
    host.length > 0 &&
    host.length <= 253 &&
    typeof learnedAtMs === 'number' &&
    Number.isFinite(learnedAtMs)
  );
}
