import { originOf } from '../messaging/sender';
import type { Handlers } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { KeyfobError, type AccountId, type Origin } from '../shared';
import type { Account, VaultService } from '../vault';
import { toAccountView } from './account-view';
import type { TabsApi } from './tabs';

/** "Use on this site" and "Unlink from <origin>": the person binds an account to a site. */
export type SiteLinkVerbs = Pick<ProtocolMap, 'linkAccountToActiveTab' | 'unlinkAccount'>;

/**
 * Links an account to the exact origin of the page the popup was opened over, and unlinks it
 * (docs/architecture.md §3 rule 6). The origin is the one the browser reports for the active
 * tab: the popup only names the account, and says which origin it showed so that a tab that
 * navigated meanwhile links nothing. The person's click in Keyfob's own popup is their word
 * that the account belongs there, as for an enrolled account they kept; an enrollment's
 * status is never changed, and an unfinished (pending) setup is neither linked nor unlinked.
 */
export function createSiteLinkHandlers(deps: {
  vault: VaultService;
  tabs: TabsApi;
  now: () => number;
  /** Runs after an account was unlinked (automatic fill must not follow it to another site). */
  onUnlinked: (id: AccountId) => Promise<void>;
}): Handlers<SiteLinkVerbs> {
  const { vault, tabs, now, onUnlinked } = deps;

  /** The active tab's exact http(s) origin, or `page-unsupported`. */
  async function activeWebOrigin(): Promise<Origin> {
    const tab = await tabs.activeTab();
    const origin = tab?.url ? originOf(tab.url) : null;
    if (!origin || !/^https?:\/\//.test(origin)) {
      throw new KeyfobError(
        'page-unsupported',
        'Keyfob can link accounts only to web pages (http or https).',
      );
    }
    return origin as Origin;
  }

  function refusePending(account: Account, message: string): void {
    if (account.state === 'pending') throw new KeyfobError('account-pending', message);
  }

  return {
    async linkAccountToActiveTab({ id, shownOrigin }) {
      const origin = await activeWebOrigin();
      if (origin !== shownOrigin) {
        throw new KeyfobError(
          'page-changed',
          'The page moved to another site, so nothing was linked. Open Keyfob on the site again.',
        );
      }
      const account = await vault.get(id);
      refusePending(
        account,
        'This account’s setup was never confirmed: answer Keyfob’s question about it first.',
      );
      if (account.state === 'replaced') {
        throw new KeyfobError(
          'account-replaced',
          'A newer setup took this account’s place, so Keyfob will not fill its code.',
        );
      }
      if (account.origin === origin) return toAccountView(account, now());
      if (account.origin !== undefined) {
        throw new KeyfobError(
          'account-linked',
          `This account is already linked to ${account.origin}. Unlink it first.`,
        );
      }
      return toAccountView(await vault.update(id, { origin }), now());
    },

    async unlinkAccount({ id }) {
      const account = await vault.get(id);
      refusePending(account, 'This setup is unfinished: keep or discard it instead.');
      if (account.origin === undefined) return toAccountView(account, now());
      const unlinked = await vault.update(id, { origin: null });
      await onUnlinked(id);
      return toAccountView(unlinked, now());
    },
  };
}
