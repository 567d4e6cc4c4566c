import { generateCode } from '../otp';
import type { AccountId } from '../shared';
import type { Account } from '../vault';

/**
 * Steps either side of now whose codes may prove a setup: Cognito accepts one step either
 * side of its clock, and an answer may arrive a step later than the code was made.
 */
export const EVIDENCE_STEPS = 2;
/** Codes remembered per account; older ones are covered by {@link EVIDENCE_STEPS}. */
const MAX_REMEMBERED = 4;

/** The account's codes from `steps` steps before `atMs` to `steps` after. */
export async function codesNear(account: Account, atMs: number, steps = EVIDENCE_STEPS) {
  const periodMs = account.params.period * 1000;
  const offsets = Array.from({ length: 2 * steps + 1 }, (_, i) => (i - steps) * periodMs);
  return Promise.all(offsets.map((offset) => generateCode(account.params, atMs + offset)));
}

/**
 * Which codes Keyfob handed out for each pending account, and which of them the site refused.
 * Memory only: after a restart, evidence is matched by {@link codesNear} alone.
 */
export function createCodeLedger() {
  const handedOut = new Map<AccountId, string[]>();
  const refused = new Map<AccountId, Set<string>>();

  return {
    /** Keyfob gave `code` to the page for `id`. */
    handOut(id: AccountId, code: string): void {
      const codes = (handedOut.get(id) ?? []).filter((c) => c !== code);
      codes.push(code);
      handedOut.set(id, codes.slice(-MAX_REMEMBERED));
    },
    /** The code Keyfob handed out last for `id`. */
    last(id: AccountId): string | undefined {
      return handedOut.get(id)?.at(-1);
    },
    /** Keyfob handed out `code` for `id`. */
    handedOut(id: AccountId, code: string): boolean {
      return handedOut.get(id)?.includes(code) ?? false;
    },
    /** The site refused `code` for `id`; answers how many distinct codes it refused so far. */
    refuse(id: AccountId, code: string): number {
      const codes = refused.get(id) ?? new Set<string>();
      refused.set(id, codes.add(code));
      return codes.size;
    },
    /** The site refused `code` for `id` before. */
    isRefused(id: AccountId, code: string): boolean {
      return refused.get(id)?.has(code) ?? false;
    },
    /** Distinct codes the site refused for `id`. */
    refusals(id: AccountId): number {
      return refused.get(id)?.size ?? 0;
    },
    /** Drops what is known about `id` (verified or removed). */
    forget(id: AccountId): void {
      handedOut.delete(id);
      refused.delete(id);
    },
  };
}

/** The memory of handed-out and refused codes. */
export type CodeLedger = ReturnType<typeof createCodeLedger>;

/**
 * The code to fill for `account`: the current step's, or the next step's when the site
 * refused the current one (a refused code is never filled again; Cognito accepts the next
 * step's code too). Null when both were refused: the person waits for a later step.
 */
export async function codeToFill(
  account: Account,
  atMs: number,
  ledger: Pick<CodeLedger, 'isRefused'>,
): Promise<string | null> {
  for (const step of [0, 1]) {
    const code = await generateCode(account.params, atMs + step * account.params.period * 1000);
    if (!ledger.isRefused(account.id, code)) return code;
  }
  return null;
}

/**
 * The account among `candidates` that one of `codes` belongs to: a code Keyfob handed out for
 * it, or its code at a step near `atMs`. Null when none does.
 */
export async function accountForCodes(
  codes: readonly string[],
  candidates: readonly Account[],
  ledger: Pick<CodeLedger, 'handedOut'>,
  atMs: number,
): Promise<{ account: Account; code: string } | null> {
  for (const account of candidates) {
    const near = await codesNear(account, atMs);
    const code = codes.find((c) => ledger.handedOut(account.id, c) || near.includes(c));
    if (code !== undefined) return { account, code };
  }
  return null;
}
