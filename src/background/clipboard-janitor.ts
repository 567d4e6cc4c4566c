import { generateCode } from '../otp';
import type { OtpParams } from '../otp/types';

/** What the janitor needs of the system clipboard (an offscreen page in Chromium). */
export interface ClipboardCleaner {
  /** Empties the clipboard if it still holds exactly `text`; never touches anything else. */
  clearIfHolds(text: string): Promise<void>;
}

/** How long an HOTP code, which has no period, stays on the clipboard. */
const HOTP_CLEAR_MS = 30_000;

/**
 * Clears a copied code from the clipboard once it has expired (the "clear clipboard"
 * setting): the code of the step it was valid in, at that step's end. Only the latest copy
 * is followed, and only a code the account really had a moment ago (this step's or the last
 * one's), so no page of ours can turn this into "clear whatever the clipboard holds".
 */
export function createClipboardJanitor(deps: {
  cleaner: ClipboardCleaner;
  now: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}) {
  const { cleaner, now } = deps;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as number));
  let pending: unknown;

  /** When a copied code stops being valid, or null when it is not one of the account's codes. */
  async function expiryOf(params: OtpParams, code: string, at: number): Promise<number | null> {
    if (params.type === 'hotp') {
      return code === (await generateCode(params, at)) ? at + HOTP_CLEAR_MS : null;
    }
    const periodMs = params.period * 1000;
    const stepEnd = (Math.floor(at / periodMs) + 1) * periodMs;
    if (code === (await generateCode(params, at))) return stepEnd;
    if (code === (await generateCode(params, at - periodMs))) return stepEnd - periodMs;
    return null;
  }

  return {
    /** The person copied `code` of an account: clear it when it expires. The time, or null. */
    async copied(params: OtpParams, code: string): Promise<number | null> {
      const at = now();
      const clearAt = await expiryOf(params, code, at);
      if (clearAt === null) return null;
      if (pending !== undefined) clearTimer(pending);
      pending = setTimer(
        () => {
          pending = undefined;
          void cleaner.clearIfHolds(code).catch(() => {});
        },
        Math.max(0, clearAt - at),
      );
      return clearAt;
    },
  };
}

/** The clipboard janitor's interface. */
export type ClipboardJanitor = ReturnType<typeof createClipboardJanitor>;
