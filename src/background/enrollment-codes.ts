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

/** A code on its way to the site in one request, until that request is answered or ends. */
interface Sent {
  code: string;
  /** The browser's id of the request carrying it. */
  requestId: string;
  /** Resolves once the request is settled, or the code forgotten. */
  settled: Promise<void>;
  settle: () => void;
}

function sent(code: string, requestId: string): Sent {
  let settle = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { code, requestId, settled, settle };
}

/**
 * Which codes Keyfob handed out for each pending account, which of them a tab sent to the site
 * and awaits an answer for, and which the site refused. Memory only: after a restart, evidence
 * is matched by {@link codesNear} alone.
 */
export function createCodeLedger() {
  const handedOut = new Map<AccountId, string[]>();
  const refused = new Map<AccountId, Set<string>>();
  const submitted = new Map<AccountId, Sent[]>();
  /** The code the browser last saw a tab send for each account, answered or not. */
  const lastSent = new Map<AccountId, string>();

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
    /** A tab sent `code` for `id` in request `requestId` (what the browser saw). */
    submit(id: AccountId, code: string, requestId: string): void {
      const codes = [...(submitted.get(id) ?? []), sent(code, requestId)];
      // Nobody waits any longer for the oldest beyond the limit.
      for (const dropped of codes.slice(0, -MAX_REMEMBERED)) dropped.settle();
      submitted.set(id, codes.slice(-MAX_REMEMBERED));
      lastSent.set(id, code);
    },
    /** The code the browser last saw a tab send for `id`, if it saw one since the start. */
    lastSent(id: AccountId): string | undefined {
      return lastSent.get(id);
    },
    /** Request `requestId` was answered, or ended without an answer: its code is no longer on its way. */
    settle(requestId: string): void {
      for (const [id, codes] of submitted) {
        for (const c of codes) if (c.requestId === requestId) c.settle();
        const left = codes.filter((c) => c.requestId !== requestId);
        if (left.length > 0) submitted.set(id, left);
        else submitted.delete(id);
      }
    },
    /** `code` for `id` is on its way to the site: sent, not answered yet. */
    isSubmitted(id: AccountId, code: string): boolean {
      return submitted.get(id)?.some((c) => c.code === code) ?? false;
    },
    /** Resolves once no request carrying `code` for `id` is on its way any more. */
    async answered(id: AccountId, code: string): Promise<void> {
      const codes = submitted.get(id) ?? [];
      await Promise.all(codes.filter((c) => c.code === code).map((c) => c.settled));
    },
    /** Drops what is known about `id` (verified or removed). */
    forget(id: AccountId): void {
      handedOut.delete(id);
      refused.delete(id);
      for (const c of submitted.get(id) ?? []) c.settle();
      submitted.delete(id);
      lastSent.delete(id);
    },
  };
}

/** The memory of handed-out, submitted and refused codes. */
export type CodeLedger = ReturnType<typeof createCodeLedger>;

/**
 * The code to fill for `account`: the current step's, or the next step's when the site
 * refused the current one (a refused code is never filled again; Cognito accepts the next
 * step's code too), or with `skipSubmitted` when a tab sent it and no answer came. Null when
 * neither may be filled: the person waits for a later step.
 */
export async function codeToFill(
  account: Account,
  atMs: number,
  ledger: Pick<CodeLedger, 'isRefused' | 'isSubmitted'>,
  { skipSubmitted = false } = {},
): Promise<string | null> {
  for (const step of [0, 1]) {
    const code = await generateCode(account.params, atMs + step * account.params.period * 1000);
    if (ledger.isRefused(account.id, code)) continue;
    if (!skipSubmitted || !ledger.isSubmitted(account.id, code)) return code;
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
