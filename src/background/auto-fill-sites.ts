import type { Account, VaultService } from '../vault';
import type { LocalArea } from './settings';

const KEY = 'autoFillAccounts';
/** Far more accounts than anyone binds to sites; keeps a damaged list from growing. */
const MAX_IDS = 1000;

/**
 * Where the person turned automatic sign-in fill on, kept in `storage.local` as account ids
 * alone (as ./fill-choices does): the origins stay sealed in the vault, so the list says
 * nothing about which sites the person uses. A site is "on" when one of the verified accounts
 * bound to exactly that origin is in the list; unlinking an account takes it out.
 */
export interface AutoFillSites {
  /** The ids in the list. */
  ids(): Promise<Set<string>>;
  add(ids: Iterable<string>): Promise<void>;
  remove(ids: Iterable<string>): Promise<void>;
}

/** The list in `area`. */
export function createAutoFillSites(area: LocalArea): AutoFillSites {
  async function load(): Promise<Set<string>> {
    const stored = (await area.get(KEY))[KEY];
    return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : []);
  }
  async function save(ids: Set<string>): Promise<void> {
    await area.set({ [KEY]: [...ids].slice(-MAX_IDS) });
  }
  return {
    ids: load,
    async add(more) {
      const ids = await load();
      for (const id of more) ids.add(id);
      await save(ids);
    },
    async remove(gone) {
      const ids = await load();
      for (const id of gone) ids.delete(id);
      await save(ids);
    },
  };
}

/** Verified accounts bound to exactly `origin` (scheme, host and port): the ones fill may use. */
export function fillableOn(accounts: readonly Account[], origin: string): Account[] {
  return accounts.filter((a) => a.origin === origin && a.state === 'verified');
}

/** The origins where automatic fill is on, sorted. */
export function autoFillOrigins(accounts: readonly Account[], ids: ReadonlySet<string>): string[] {
  const origins = new Set<string>();
  for (const account of accounts) {
    if (account.origin && account.state === 'verified' && ids.has(account.id)) {
      origins.add(account.origin);
    }
  }
  return [...origins].sort();
}

/**
 * Before automatic fill was chosen per site it was one switch (`settings.autoFillSignIn`). If it
 * was on, it is now on for the origin of every verified account bound to one; then the old
 * switch is dropped. Needs the vault unlocked (origins are sealed), so it runs at each unlock
 * until done.
 */
export async function migrateGlobalAutoFill(deps: {
  legacy: { read(): Promise<boolean | undefined>; forget(): Promise<void> };
  vault: VaultService;
  sites: AutoFillSites;
}): Promise<void> {
  const { legacy, vault, sites } = deps;
  const wasOn = await legacy.read();
  if (wasOn === undefined || !vault.isUnlocked()) return;
  if (wasOn) {
    const { accounts } = await vault.list();
    await sites.add(accounts.filter((a) => a.origin && a.state === 'verified').map((a) => a.id));
  }
  await legacy.forget();
}
