import type { AccountSort } from '../messaging/protocol';
import { sortAccounts } from '../shared/sort-accounts';
import type { Account } from '../vault';

/**
 * How many first rows the popup's opening may ask for (`getVaultState`'s `firstRows`): a
 * whole number from 1, else none (the whole listing). The request comes from an extension page,
 * but its shape is checked like any other input.
 */
export function rowLimit(firstRows: unknown): number | undefined {
  return typeof firstRows === 'number' && Number.isSafeInteger(firstRows) && firstRows >= 1
    ? firstRows
    : undefined;
}

/** A listing's rows: every account, or a long list's first rows and how many more it has. */
export interface ListedRows {
  rows: readonly Account[];
  /** Listed accounts left out (none when `rows` is every account). */
  unsent: number;
}

/**
 * The first `count` accounts as the popup lists them: pinned first, then by `sort`, without the
 * replaced accounts (folded away below the list, they come with the whole listing). Every
 * account when no more than `count` are listed. `accounts` come in their stored order, as the
 * popup receives them: ties keep it, as there.
 */
export function firstListedRows(
  accounts: readonly Account[],
  sort: AccountSort,
  count: number,
): ListedRows {
  const listed = accounts.filter((account) => account.state !== 'replaced');
  if (listed.length <= count) return { rows: accounts, unsent: 0 };
  const sortable = listed.map((account) => ({
    issuer: account.params.issuer,
    account: account.params.account,
    pinned: account.pinned,
    order: account.order,
    usedAtMs: account.usedAt,
    source: account,
  }));
  const rows = sortAccounts(sortable, sort)
    .slice(0, count)
    .map((row) => row.source);
  return { rows, unsent: listed.length - rows.length };
}
