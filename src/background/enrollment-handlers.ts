import type { Handlers } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';
import { KeyfobError } from '../shared';
import type { VaultService } from '../vault';
import type { EnrollmentService } from './enrollment';

/** The popup's answers to questions about setups: keep, choose one, remove all pending. */
export type EnrollmentVerbs = Pick<
  ProtocolMap,
  'keepPendingAccount' | 'keepAccountForSite' | 'removePendingAccounts'
>;

/**
 * The person's word on enrollment, from the extension's own popup: the one source besides the
 * browser's evidence that may verify an account or choose between two verified ones.
 */
export function createEnrollmentHandlers(deps: {
  vault: VaultService;
  enrollment: Pick<EnrollmentService, 'personKept' | 'personRemoved'>;
}): Handlers<EnrollmentVerbs> {
  const { vault, enrollment } = deps;

  return {
    async keepPendingAccount({ id }) {
      await vault.get(id);
      await enrollment.personKept(id);
      return { kept: true as const };
    },

    async keepAccountForSite({ id }) {
      const chosen = await vault.get(id);
      if (chosen.state !== 'verified' || chosen.origin === undefined) {
        throw new KeyfobError('not-a-choice', 'Only a verified account of a site can be chosen.');
      }
      for (const other of (await vault.list()).accounts) {
        if (
          other.id !== chosen.id &&
          other.state === 'verified' &&
          other.origin === chosen.origin &&
          other.params.account === chosen.params.account
        ) {
          // An account the person linked by hand is theirs to use elsewhere: it loses the
          // site, not its standing. A setup not chosen was superseded.
          await vault.update(other.id, other.linked ? { origin: null } : { state: 'replaced' });
        }
      }
      return { kept: true as const };
    },

    async removePendingAccounts() {
      const pending = (await vault.list()).accounts.filter((a) => a.state === 'pending');
      for (const account of pending) {
        await vault.remove(account.id);
        enrollment.personRemoved(account);
      }
      return { removed: pending.length };
    },
  };
}
