import type { ClockStatus } from '../messaging';
import { CLOCK_WARNING_MS } from '../otp/clock-offset';
import { formatDateTime, formatNumber, t } from './i18n';

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
  return t(offsetMs > 0 ? 'clockBehind' : 'clockAhead', formatNumber(s));
}

/** The options page's line about the clock offset. */
export function clockSummary(status: ClockStatus): string {
  if (status.offsetMs === 0 || status.learnedFrom === undefined) {
    return t('clockAsIs');
  }
  const s = seconds(status.offsetMs);
  const offset = `${s >= 0 ? '+' : '−'}${formatNumber(Math.abs(s))}`;
  return status.learnedAtMs === undefined
    ? t('clockAdds', offset, status.learnedFrom)
    : t('clockAddsAt', offset, status.learnedFrom, formatDateTime(status.learnedAtMs));
}
