import { generateCode } from '../otp';
import { originOf } from '../messaging/sender';
import type { Handlers } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { KeyfobError, type AccountId, type Origin } from '../shared';
import type { VaultService } from '../vault';
import { commandTopFrame, type TabsApi } from './tabs';

/** The popup's actions on the page it was opened over. */
export type TabVerbs = Pick<ProtocolMap, 'getActiveTab' | 'fillActiveTab' | 'enrollActiveTab'>;

/**
 * Sign-in fill and on-demand enrollment, both on a user gesture in the popup. Fill goes only
 * into the top frame, only for an account whose enrollment origin equals the tab's origin
 * exactly (docs/architecture.md §3 rule 6), and the content script checks that origin again before it
 * touches the page, in case the tab navigated in between.
 */
export function createTabHandlers(deps: {
  vault: VaultService;
  tabs: TabsApi;
  now: () => number;
  /** The person asked to set up on this origin: setups they removed there may be saved again. */
  onEnrollRequested: (origin: Origin) => void;
}): Handlers<TabVerbs> {
  const { vault, tabs, now, onEnrollRequested } = deps;

  async function activeOrigin(): Promise<{ tabId: number; origin: string | null } | null> {
    const tab = await tabs.activeTab();
    if (!tab) return null;
    return { tabId: tab.id, origin: tab.url ? originOf(tab.url) : null };
  }

  async function sendOrInject(tabId: number, command: Parameters<TabsApi['sendToTopFrame']>[1]) {
    try {
      await commandTopFrame(tabs, tabId, command);
    } catch {
      // No content script there yet (a site without a standing grant): the click grants
      // activeTab, so inject it now and try once more.
      await tabs.injectContentScripts(tabId);
      await tabs.sendToTopFrame(tabId, command);
    }
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
      const account = await vault.get(id);
      const active = await activeOrigin();
      if (!active?.origin || account.origin !== active.origin) {
        throw new KeyfobError(
          'origin-mismatch',
          'This account was set up on another site, so Keyfob will not fill it here.',
        );
      }
      const code = await generateCode(account.params, now());
      await sendOrInject(active.tabId, {
        keyfob: 1,
        command: 'fillCode',
        code,
        expectedOrigin: active.origin,
      });
      return { filled: true as const };
    },

    async enrollActiveTab() {
      const active = await activeOrigin();
      if (!active?.origin || !/^https?:/.test(active.origin)) {
        throw new KeyfobError('page-unsupported', 'Keyfob can only set up accounts on web pages.');
      }
      onEnrollRequested(active.origin as Origin);
      await sendOrInject(active.tabId, { keyfob: 1, command: 'scanForSetup' });
      return { started: true as const };
    },
  };
}
