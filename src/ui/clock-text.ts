import type { ClockStatus } from '../messaging';
import { CLOCK_WARNING_MS } from '../otp/clock-offset';

/** Whole seconds of an offset, towards zero: a `Date` header counts whole seconds. */
function seconds(offsetMs: number): number {
  return Math.trunc(offsetMs / 1000);
}

/**
 * The popup's warning for an offset beyond {@link CLOCK_WARNING_MS}, in plain words; null
 * below it. A positive offset means the site's clock is ahead, so this computer's is behind.
 */
export function clockWarning(offsetMs: number): string | null {
  if (Math.abs(offsetMs) <= CLOCK_WARNING_MS) return null;
  const s = Math.abs(seconds(offsetMs));
  const way = offsetMs > 0 ? 'behind' : 'ahead';
  return `This computer’s clock is ${s} s ${way} the sign-in server’s. Keyfob corrects its codes for it.`;
}

/** The options page's line about the clock offset. */
export function clockSummary(status: ClockStatus): string {
  if (status.offsetMs === 0 || status.learnedFrom === undefined) {
    return 'Keyfob uses this computer’s clock as it is.';
  }
  const s = seconds(status.offsetMs);
  const when =
    status.learnedAtMs === undefined
      ? ''
      : ` at ${new Date(status.learnedAtMs).toLocaleString(undefined, {
          dateStyle: 'medium',
          timeStyle: 'short',
        })}`;
  return `Keyfob adds ${s >= 0 ? '+' : '−'}${Math.abs(s)} s to this computer’s clock, learned from ${status.learnedFrom}${when}.`;
}
