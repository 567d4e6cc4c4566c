import type { AccountView } from '../messaging';
import { tCount } from './i18n';

export { accountName } from '../shared/sort-accounts';

/**
 * Splits a code into two groups so it can be read at a glance ("123 456", "1234 5678").
 * Steam Guard's 5 characters ("2B4XY") stay whole, as Steam shows them. The raw code stays
 * available in `data-code` for copying and tests.
 */
export function groupCode(code: string): string {
  if (code.length <= 5) return code;
  const cut = Math.ceil(code.length / 2);
  return `${code.slice(0, cut)} ${code.slice(cut)}`;
}

/** The line a person recognises an account by: the issuer, or the account name when there is none. */
export function accountTitle(account: Pick<AccountView, 'issuer' | 'account'>): string {
  return account.issuer?.trim() || account.account;
}

/** Search filter: case-insensitive substring match on issuer or account name. */
export function matchesQuery(
  account: Pick<AccountView, 'issuer' | 'account'>,
  query: string,
): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [account.issuer ?? '', account.account].some((field) =>
    field.toLocaleLowerCase().includes(needle),
  );
}

/** "1 entry … was" / "3 entries … were": the damaged-records notice. */
export function damagedNotice(count: number): string {
  return tCount(count, 'damagedOne', 'damagedOther');
}

/**
 * The host (and port) of an origin, as people read it: "app.example.com". Anything that does
 * not parse is shown as given rather than dropped.
 */
export function originHost(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** True for http(s) origins: the only pages where Keyfob can look for a setup screen. */
export function isWebOrigin(origin: string | null | undefined): origin is string {
  return !!origin && /^https?:\/\//i.test(origin);
}
