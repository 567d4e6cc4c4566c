import { generateCode, validUntilMs } from '../otp';
import type { ContentCommandReply, FillRefusal } from '../messaging/content-protocol';
import { originOf } from '../messaging/sender';
import { KeyfobError, type AccountId } from '../shared';
import type { Account, VaultService } from '../vault';
import { fillableOn, type AutoFillSites } from './auto-fill-sites';
import type { FillChoices } from './fill-choices';
import { commandOrInject, type TabsApi } from './tabs';

/** A code with less life left than this is not filled: the next one is, once it starts. */
export const MIN_CODE_LIFE_MS = 3000;

/** What the person is told when the page refused a fill. */
const REFUSALS: Record<FillRefusal, string> = {
  'page-changed': 'The page changed before Keyfob could fill it, so nothing was filled.',
  'no-field': 'Keyfob found no code field on this page, so nothing was filled.',
  'hidden-field': 'The code field on this page is hidden or covered, so Keyfob did not fill it.',
  stopped: 'Keyfob could not reach this page. Reload it and try again.',
};

/** A tab as the browser describes it to a gesture (popup, keyboard command, context menu). */
export interface GestureTab {
  id: number;
  url?: string;
}

/** What {@link createSignInFill} needs. */
export interface SignInFillDeps {
  vault: VaultService;
  tabs: TabsApi;
  choices: FillChoices;
  /** Where the person turned automatic fill on. */
  autoFill: Pick<AutoFillSites, 'ids'>;
  now(): number;
  /** Waits `ms` (the background's clock; tests move a fake one). */
  sleep(ms: number): Promise<void>;
}

/** Sign-in codes into pages, on the exact origin each account was enrolled on. */
export interface SignInFill {
  /**
   * Fills the code of `id` (or of the one account enrolled on the tab's origin, or the one the
   * person chose there last) into the tab's top frame. Resolves only when the page filled it;
   * otherwise rejects with what went wrong: `vault-locked`, `page-unsupported`, `no-account`,
   * `choose-account`, `origin-mismatch`, `account-pending` or `fill-refused`.
   */
  fillTab(tab: GestureTab, id?: AccountId): Promise<{ filled: true; origin: string }>;
  /**
   * The code for automatic fill on `origin`, or null unless the person turned automatic fill
   * on for exactly that origin and there is one account to fill.
   */
  autoFillCode(origin: string): Promise<string | null>;
}

/** Reads the content script's answer; anything else counts as a page that did not answer. */
function readReply(reply: unknown): ContentCommandReply {
  if (typeof reply !== 'object' || reply === null) return { done: false, refused: 'stopped' };
  const { done, refused } = reply as { done?: unknown; refused?: unknown };
  if (done === true) return { done: true };
  const known = typeof refused === 'string' && Object.hasOwn(REFUSALS, refused);
  return { done: false, refused: known ? (refused as FillRefusal) : 'no-field' };
}

/**
 * Sign-in fill (docs/architecture.md §3 rule 6): only verified accounts, only into the top
 * frame, only where the tab's origin equals the account's enrollment origin exactly (scheme,
 * host and port), and only while the vault is unlocked. The content script checks the origin
 * again and measures the field before it types, and its answer is what the caller reports.
 */
export function createSignInFill(deps: SignInFillDeps): SignInFill {
  const { vault, tabs, choices, autoFill, now, sleep } = deps;

  function requireUnlocked(): void {
    if (!vault.isUnlocked()) {
      throw new KeyfobError('vault-locked', 'Unlock Keyfob to fill your sign-in code.');
    }
  }

  async function accountFor(origin: string, id?: AccountId): Promise<Account> {
    if (id !== undefined) {
      const account = await vault.get(id);
      if (account.origin !== origin) {
        throw new KeyfobError(
          'origin-mismatch',
          'This account was set up on another site, so Keyfob will not fill it here.',
        );
      }
      if (account.state !== 'verified') {
        throw new KeyfobError(
          'account-pending',
          'This account’s setup was never confirmed, so Keyfob will not fill its code.',
        );
      }
      return account;
    }
    const { accounts } = await vault.list();
    const matches = fillableOn(accounts, origin);
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) {
      throw new KeyfobError('no-account', `No Keyfob account was set up on ${origin}.`);
    }
    const chosen = await choices.pick(matches.map((a) => a.id));
    const account = matches.find((a) => a.id === chosen);
    if (!account) {
      throw new KeyfobError(
        'choose-account',
        `Several accounts were set up on ${origin}: open Keyfob and choose the one to fill.`,
      );
    }
    return account;
  }

  /** The code to fill now; one about to expire is skipped for the next one. */
  async function freshCode(account: Account): Promise<string> {
    if (account.params.type !== 'hotp') {
      const at = now();
      const left = validUntilMs(at, account.params.period) - at;
      if (left < MIN_CODE_LIFE_MS) await sleep(left);
    }
    return generateCode(account.params, now());
  }

  return {
    async fillTab(tab, id) {
      requireUnlocked();
      const origin = tab.url ? originOf(tab.url) : null;
      if (!origin || !/^https?:/.test(origin)) {
        throw new KeyfobError('page-unsupported', 'Keyfob fills codes only on web pages.');
      }
      const account = await accountFor(origin, id);
      const code = await freshCode(account);
      const reply = readReply(
        await commandOrInject(tabs, tab.id, {
          keyfob: 1,
          command: 'fillCode',
          code,
          expectedOrigin: origin,
        }),
      );
      if (!reply.done) throw new KeyfobError('fill-refused', REFUSALS[reply.refused ?? 'no-field']);
      if (id !== undefined) await choices.remember(id);
      return { filled: true, origin };
    },

    async autoFillCode(origin) {
      if (!vault.isUnlocked()) return null;
      try {
        // Without a gesture, only where the person turned it on for this exact origin.
        const on = await autoFill.ids();
        const bound = fillableOn((await vault.list()).accounts, origin);
        if (!bound.some((account) => on.has(account.id))) return null;
        return await freshCode(await accountFor(origin));
      } catch {
        return null;
      }
    },
  };
}
