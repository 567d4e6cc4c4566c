import type { AccountView, CodeListing } from '../../messaging';
import { isTimeBased } from '../../otp/steam';

/**
 * Wait this long past a code's expiry before asking again, so the background (whose clock we
 * only know up to the message latency) has certainly moved on to the next time step.
 */
export const REFRESH_SLACK_MS = 100;

/** Never ask again sooner than this, even if the background hands back an expired code. */
export const MIN_REFRESH_DELAY_MS = 250;

/**
 * How far the background clock is ahead of the popup clock, measured when a listing arrives.
 * Codes expire by the background's clock, so every countdown is computed in its time. The
 * listing was made between `sentAt` and `receivedAt`, which bounds the offset; the learned
 * clock offset the background adds to the clock both share is exact, so it wins when it lies
 * within those bounds (else the late bound, never ahead of the background).
 */
export function clockOffset(
  listing: Pick<CodeListing, 'nowMs' | 'clockOffsetMs'>,
  receivedAt: number,
  sentAt: number = receivedAt,
): number {
  const earliest = listing.nowMs - receivedAt;
  const latest = listing.nowMs - sentAt;
  const learned = listing.clockOffsetMs;
  return learned >= earliest && learned <= latest ? learned : earliest;
}

/**
 * The first moment (background clock) at which one of the listed time-based (TOTP, Steam)
 * codes stops being valid.
 */
export function earliestExpiry(listing: Pick<CodeListing, 'accounts'>): number | undefined {
  let earliest: number | undefined;
  for (const account of listing.accounts) {
    if (!isTimeBased(account.type) || account.validUntilMs === undefined) continue;
    if (earliest === undefined || account.validUntilMs < earliest) earliest = account.validUntilMs;
  }
  return earliest;
}

/**
 * When (background clock) the popup should ask for `account`'s codes again. With the next code
 * sent along, the popup switches to it at the boundary by itself, so it asks in the middle of
 * the step after (away from the boundary, a full half period before the code it lacks is due).
 * Without one, just after the code expires.
 */
function refreshDue(account: AccountView): number | undefined {
  if (!isTimeBased(account.type) || account.validUntilMs === undefined) return undefined;
  if (account.nextCode === undefined) return account.validUntilMs + REFRESH_SLACK_MS;
  return account.validUntilMs + account.period * 500;
}

/**
 * Milliseconds the popup should wait before calling `listCodes` again, for the listing as
 * received (see `refreshDue`). `undefined` when nothing expires (no TOTP accounts).
 *
 * `offsetMs` defaults to the offset implied by `popupNow` being the moment the listing
 * arrived, which is how the popup first schedules a refresh.
 */
export function nextRefreshDelay(
  listing: Pick<CodeListing, 'accounts' | 'nowMs' | 'clockOffsetMs'>,
  popupNow: number,
  offsetMs: number = clockOffset(listing, popupNow),
): number | undefined {
  let due: number | undefined;
  for (const account of listing.accounts) {
    const at = refreshDue(account);
    if (at !== undefined && (due === undefined || at < due)) due = at;
  }
  if (due === undefined) return undefined;
  const backgroundNow = popupNow + offsetMs;
  return Math.max(MIN_REFRESH_DELAY_MS, due - backgroundNow);
}

/**
 * When the code shown at background time `at` stops being valid: once the received code has
 * expired, the sent next code's end (see {@link atTime}).
 */
function shownUntil(
  { nextCode, validUntilMs, period }: Pick<AccountView, 'nextCode' | 'validUntilMs' | 'period'>,
  at: number,
): number | undefined {
  if (nextCode === undefined || validUntilMs === undefined || at < validUntilMs)
    return validUntilMs;
  return validUntilMs + period * 1000;
}

/**
 * The account at background time `at`: once its code has expired, the next code sent with it
 * takes over (stale too, and shown so, a period later). The same object when nothing changes.
 */
export function atTime(account: AccountView, at: number): AccountView {
  const { nextCode, validUntilMs } = account;
  if (nextCode === undefined || validUntilMs === undefined || at < validUntilMs) return account;
  const { nextCode: _used, ...rest } = account;
  return { ...rest, code: nextCode, validUntilMs: validUntilMs + account.period * 1000 };
}

/**
 * Milliseconds (popup clock) until the first listed code switches to its sent next code, or
 * `undefined` when none will. `shownAt`: the background time the codes are shown for; those
 * that fell due by then have switched already (see {@link atTime}).
 */
export function nextSwitchDelay(
  listing: Pick<CodeListing, 'accounts'>,
  popupNow: number,
  offsetMs: number,
  shownAt = 0,
): number | undefined {
  let first: number | undefined;
  for (const { nextCode, validUntilMs } of listing.accounts) {
    if (nextCode === undefined || validUntilMs === undefined || validUntilMs <= shownAt) {
      continue;
    }
    if (first === undefined || validUntilMs < first) first = validUntilMs;
  }
  return first === undefined ? undefined : Math.max(0, first - (popupNow + offsetMs));
}

/**
 * Whole seconds the TOTP code shown at that time has left (0 once expired; the sent next code's
 * once it has taken over, see {@link atTime}), or `undefined` for HOTP.
 */
export function secondsLeft(
  account: Pick<AccountView, 'type' | 'validUntilMs' | 'period' | 'nextCode'>,
  popupNow: number,
  offsetMs: number,
): number | undefined {
  const at = popupNow + offsetMs;
  const validUntilMs = shownUntil(account, at);
  if (!isTimeBased(account.type) || validUntilMs === undefined) return undefined;
  const left = Math.ceil((validUntilMs - at) / 1000);
  return Math.min(Math.max(left, 0), account.period);
}

/**
 * Delay until the next whole second of the background clock. Codes expire on whole seconds,
 * so ticking there makes the countdown change exactly when the code's remaining time does.
 */
export function delayToNextSecond(popupNow: number, offsetMs: number): number {
  const backgroundNow = popupNow + offsetMs;
  const intoSecond = ((backgroundNow % 1000) + 1000) % 1000;
  // A few ms past the boundary so rounding never shows the previous second again.
  return 1000 - intoSecond + 5;
}
