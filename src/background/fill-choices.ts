import type { AccountId } from '../shared';
import type { LocalArea } from './settings';

const KEY = 'fillChoices';
/** Enough for every site a person has several accounts on. */
const MAX_CHOICES = 100;

/** Which account the person chose to fill, where several are enrolled on one origin. */
export interface FillChoices {
  /** Of `candidates`, the one the person chose most recently, if any. */
  pick(candidates: readonly AccountId[]): Promise<AccountId | undefined>;
  /** Remembers that the person chose `id`. */
  remember(id: AccountId): Promise<void>;
}

/**
 * The person's choices in `storage.local`, as account ids alone (most recent last). Ids are
 * already stored in the clear; the origins they belong to stay sealed in the vault, so the
 * list says nothing about which sites the person uses.
 */
export function createFillChoices(area: LocalArea): FillChoices {
  async function load(): Promise<string[]> {
    const stored = (await area.get(KEY))[KEY];
    return Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : [];
  }
  return {
    async pick(candidates) {
      const chosen = await load();
      let best: AccountId | undefined;
      let bestAt = -1;
      for (const id of candidates) {
        const at = chosen.lastIndexOf(id);
        if (at > bestAt) [best, bestAt] = [id, at];
      }
      return best;
    },
    async remember(id) {
      const chosen = (await load()).filter((other) => other !== id);
      chosen.push(id);
      await area.set({ [KEY]: chosen.slice(-MAX_CHOICES) });
    },
  };
}
