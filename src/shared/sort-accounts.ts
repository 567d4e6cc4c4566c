/** How the popup sorts accounts below the pinned ones. */
export const ACCOUNT_SORTS = ['manual', 'name', 'recent'] as const;
/** One of {@link ACCOUNT_SORTS}: by hand, by name, or most recently used first. */
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/**
 * What sorting looks at: who the account is, whether it is pinned, its order and last use.
 * Shared by the popup, which lists the accounts, and the background, which sends a long
 * list's first rows in that order before the rest (issue 10).
 */
export interface Sortable {
  issuer?: string | undefined;
  account: string;
  pinned: boolean;
  order: number;
  usedAtMs?: number | undefined;
}

/**
 * One unambiguous name for an account, used in accessible names such as "Edit GitHub (alice)".
 * Two accounts of the same issuer are told apart by the account name.
 */
export function accountName(account: Pick<Sortable, 'issuer' | 'account'>): string {
  const issuer = account.issuer?.trim();
  if (!issuer) return account.account;
  if (!account.account) return issuer;
  return `${issuer} (${account.account})`;
}

const byOrder = (a: Sortable, b: Sortable) => a.order - b.order;

// One collator for every comparison: `localeCompare` with options sets one up on every call,
// and sorting a long list by name makes thousands of calls.
let collator: Intl.Collator | undefined;
const byName = (a: Sortable, b: Sortable) =>
  (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(
    accountName(a),
    accountName(b),
  );

// Never used sorts after every use, and among themselves by the person's own order.
const byRecentUse = (a: Sortable, b: Sortable) =>
  (b.usedAtMs ?? -Infinity) - (a.usedAtMs ?? -Infinity) || byOrder(a, b);

const COMPARE: Record<AccountSort, (a: Sortable, b: Sortable) => number> = {
  manual: byOrder,
  name: (a, b) => byName(a, b) || byOrder(a, b),
  recent: byRecentUse,
};

/**
 * The accounts as the popup lists them: pinned ones first, each part sorted by `sort` (by
 * hand, by name, or most recently copied or filled first). A new array; ties keep the input's
 * order.
 */
export function sortAccounts<T extends Sortable>(accounts: readonly T[], sort: AccountSort): T[] {
  const compare = COMPARE[sort];
  return [...accounts].sort((a, b) => Number(b.pinned) - Number(a.pinned) || compare(a, b));
}

/**
 * The `order` that puts an account at `toIndex` of `list` (a list sorted by hand, the account
 * itself in it), or undefined when it would not move. An account moves only among accounts of
 * its own kind, pinned or not: it cannot cross into the other part.
 *
 * The new order lies between its new neighbours', so one record is written per move.
 */
export function orderForMove<T extends Sortable & { id: string }>(
  list: readonly T[],
  id: string,
  toIndex: number,
): number | undefined {
  const from = list.findIndex((account) => account.id === id);
  const moving = list[from];
  if (!moving) return undefined;
  const rest = list.filter((account) => account.id !== id);
  const sameKind = rest.map((account, index) => ({ account, index }));
  const first = sameKind.find(({ account }) => account.pinned === moving.pinned)?.index ?? 0;
  const kindCount = rest.filter((account) => account.pinned === moving.pinned).length;
  const to = Math.min(Math.max(toIndex, first), first + kindCount);
  if (to === from) return undefined;
  const before = to > first ? rest[to - 1] : undefined;
  const after = to < first + kindCount ? rest[to] : undefined;
  return orderBetween(before?.order, after?.order);
}

/**
 * A number between two orders (either may be missing at an end of the list). Halving leaves
 * room for about 50 moves into the very same gap; past that the mean equals a neighbour, and
 * the move is refused (undefined) rather than written wrong.
 */
export function orderBetween(before?: number, after?: number): number | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return Math.floor(after! - 1);
  if (after === undefined) return Math.floor(before + 1);
  const middle = before + (after - before) / 2;
  return middle > before && middle < after ? middle : undefined;
}
