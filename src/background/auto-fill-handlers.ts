import type { Handlers } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { KeyfobError } from '../shared';
import type { VaultService } from '../vault';
import { autoFillOrigins, fillableOn, type AutoFillSites } from './auto-fill-sites';

/** Automatic sign-in fill, turned on and off per site by the person. */
export type AutoFillVerbs = Pick<ProtocolMap, 'getAutoFillSites' | 'setAutoFill'>;

/**
 * The person's per-site choice of automatic fill (docs/architecture.md §3 rule 6). Only
 * Keyfob's own pages may send these (./policy): a page can never turn it on for itself. Turning
 * it on for an origin covers the verified accounts bound to exactly that origin, so it can
 * never make Keyfob fill anywhere a gesture could not.
 */
export function createAutoFillHandlers(deps: {
  vault: VaultService;
  sites: AutoFillSites;
}): Handlers<AutoFillVerbs> {
  const { vault, sites } = deps;

  async function origins(): Promise<{ origins: string[] }> {
    const { accounts } = await vault.list();
    return { origins: autoFillOrigins(accounts, await sites.ids()) };
  }

  return {
    getAutoFillSites: origins,

    async setAutoFill({ origin, on }) {
      if (typeof origin !== 'string' || typeof on !== 'boolean') {
        throw new KeyfobError('auto-fill-invalid', 'Choose a site and whether to fill on it.');
      }
      const { accounts } = await vault.list();
      if (on) {
        const bound = fillableOn(accounts, origin);
        if (bound.length === 0) {
          throw new KeyfobError('no-account', `No Keyfob account was set up on ${origin}.`);
        }
        await sites.add(bound.map((a) => a.id));
      } else {
        // Every account on the origin, whatever its state, so none turns it back on later.
        await sites.remove(accounts.filter((a) => a.origin === origin).map((a) => a.id));
      }
      return origins();
    },
  };
}
