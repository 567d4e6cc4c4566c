import { originOf } from '../messaging/sender';
import type { Handlers } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { KeyfobError, type AccountId, type Origin } from '../shared';
import type { VaultService } from '../vault';
import type { SignInFill } from './sign-in-fill';
import { commandOrInject, type TabsApi } from './tabs';

/** The popup's actions on the page it was opened over. */
export type TabVerbs = Pick<ProtocolMap, 'getActiveTab' | 'fillActiveTab' | 'enrollActiveTab'>;

/**
 * Sign-in fill and on-demand enrollment, both on a user gesture in the popup. Fill follows
 * ./sign-in-fill (exact origin, top frame, verified accounts, the page's real answer), and
 * the popup's choice among several accounts on one origin is remembered there.
 */
export function createTabHandlers(deps: {
  vault: VaultService;
  tabs: TabsApi;
  signInFill: SignInFill;
  /** The person asked to set up on this origin: setups they removed there may be saved again. */
  onEnrollRequested: (origin: Origin) => void;
  /** This computer's clock, for when an account was last used; defaults to `Date.now`. */
  wallNow?: () => number;
}): Handlers<TabVerbs> {
  const { vault, tabs, signInFill, onEnrollRequested } = deps;
  const wallNow = deps.wallNow ?? Date.now;

  async function activeOrigin(): Promise<{ tabId: number; origin: string | null } | null> {
    const tab = await tabs.activeTab();
    if (!tab) return null;
    return { tabId: tab.id, origin: tab.url ? originOf(tab.url) : null };
  }

  return {
    async getActiveTab() {
      const active = await activeOrigin();
      if (!active?.origin || !vault.isUnlocked())
        return { origin: active?.origin ?? null, accountIds: [] };
      const { accounts } = await vault.list();
      const accountIds = accounts
        .filter((a) => a.origin === active.origin && a.state === 'verified')
        .map((a) => a.id as AccountId);
      return { origin: active.origin, accountIds };
    },

    async fillActiveTab({ id }) {
      const tab = await tabs.activeTab();
      if (!tab) throw new KeyfobError('page-unsupported', 'Keyfob fills codes only on web pages.');
      await signInFill.fillTab(tab, id);
      // For "most recently used". The code is in the page already: a failed note is no failure.
      await vault.update(id, { usedAt: wallNow() }).catch(() => {});
      return { filled: true as const };
    },

    async enrollActiveTab() {
      const active = await activeOrigin();
      if (!active?.origin || !/^https?:/.test(active.origin)) {
        throw new KeyfobError('page-unsupported', 'Keyfob can only set up accounts on web pages.');
      }
      onEnrollRequested(active.origin as Origin);
      await commandOrInject(tabs, active.tabId, { keyfob: 1, command: 'scanForSetup' });
      return { started: true as const };
    },
  };
}
