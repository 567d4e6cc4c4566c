import type { AccountView } from '../messaging';
import { atTime, secondsLeft } from './hooks/refresh-timing';

/** Under this many seconds left, a row shows the next code beside the current one. */
export const NEXT_CODE_SECONDS = 5;

/** What a row shows of its account's code at one moment. */
export interface ShownCode {
  /** The code: the sent next code once the received one has expired (see atTime). */
  code: string;
  /** The code after it, in its last {@link NEXT_CODE_SECONDS} seconds, when known. */
  next: string | undefined;
  /** Expired, with no next code to switch to (until the next listing brings one). */
  stale: boolean;
}

/**
 * What a row shows of `account` (as received) at background time `at`. It changes at a period
 * boundary and twice a step around it, never on an ordinary tick, so a row's code is drawn
 * again only then (see {@link sameShownCode}).
 */
export function shownCode(account: AccountView, at: number): ShownCode {
  const shown = atTime(account, at);
  const left = secondsLeft(shown, at, 0);
  if (left === undefined) return { code: shown.code, next: undefined, stale: false };
  const next = left > 0 && left <= NEXT_CODE_SECONDS ? shown.nextCode : undefined;
  return { code: shown.code, next, stale: left === 0 };
}

/** Whether two {@link ShownCode}s look the same. */
export function sameShownCode(a: ShownCode, b: ShownCode): boolean {
  return a.code === b.code && a.next === b.next && a.stale === b.stale;
}
