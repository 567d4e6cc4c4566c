import type { PopupPage } from './popup-page';
import { WaitAbort, waitFor } from './wait';

/**
 * What the enrollment tests read from the popup: every account row in every list (the
 * "Accounts", "On this site" and folded "Replaced accounts" lists), the "pending" badge, the
 * setup notices, and — for exact facts such as the enrollment origin — the background's own
 * listing, asked from the popup page the way the popup itself asks.
 */

/** One account row as the popup shows it. */
export interface PopupRow {
  id: string;
  /** Accessible name of the list holding the row. */
  list: string;
  /** The row's visible text, whitespace collapsed. */
  text: string;
  /** `data-code` of the row's `[data-testid="code"]`. */
  code: string | null;
  /** The row carries the "pending" badge. */
  pending: boolean;
}

/** An account as the background lists it for the popup (AccountView, messaging/protocol.ts). */
export interface ListedAccount {
  id: string;
  issuer?: string;
  account: string;
  code: string;
  status: 'verified' | 'pending' | 'replaced';
  origin?: string;
}

/** The background's listing (CodeListing, messaging/protocol.ts). */
export interface Listing {
  accounts: ListedAccount[];
  notices: { origin: string; message: string; atMs: number }[];
}

const ROWS_EXPRESSION = String.raw`(() => {
  const norm = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  const listName = (list) => {
    if (!list) return '';
    if (list.hasAttribute('aria-label')) return norm(list.getAttribute('aria-label'));
    const ids = list.getAttribute('aria-labelledby');
    if (ids) return norm(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    return '';
  };
  return Array.from(document.querySelectorAll('li[data-account-id]'), (li) => {
    const code = li.querySelector('[data-testid="code"]');
    const text = norm(li.innerText || li.textContent);
    return {
      id: li.getAttribute('data-account-id'),
      list: listName(li.closest('ul')),
      text,
      code: code ? code.getAttribute('data-code') : null,
      pending: /(^|\s)pending(\s|$)/.test(text),
    };
  });
})()`;

/** Every account row the popup renders, with the list it is in. */
export function readPopupRows(popup: PopupPage): Promise<PopupRow[]> {
  return popup.evaluate<PopupRow[]>(ROWS_EXPRESSION);
}

/** The texts of the "Messages from sites" list (empty when there is none). */
export function readNotices(popup: PopupPage): Promise<string[]> {
  return popup.evaluate<string[]>(String.raw`Array.from(
    document.querySelectorAll('ul[aria-label="Messages from sites"] > li'),
    (li) => (li.querySelector('span')?.textContent ?? li.textContent).replace(/\s+/g, ' ').trim())`);
}

/**
 * Waits until the popup's "Messages from sites" shows a notice for `host` about `topic`, and
 * returns its text. The list's view loads on demand after the account listing shows, so one
 * read right after {@link waitForListing} may come before it.
 */
export function waitForNotice(popup: PopupPage, host: string, topic: RegExp): Promise<string> {
  return waitFor(
    async () => (await readNotices(popup)).find((text) => text.includes(host) && topic.test(text)),
    { what: `the popup to show a notice for ${host} matching ${topic}` },
  );
}

/** Waits until the unlocked popup has loaded its listing (rows or the empty state). */
export async function waitForListing(popup: PopupPage): Promise<void> {
  await popup.waitForState(['unlocked']);
  await waitFor(
    () =>
      popup.evaluate<boolean>(
        `!!document.querySelector('ul[aria-label="Accounts"], .empty') &&
         !document.body.textContent.includes('Loading accounts')`,
      ),
    { what: 'the popup to show its account listing' },
  );
}

/** Asks the background for the listing from the popup page (as the popup itself does). */
export async function listAccounts(popup: PopupPage): Promise<Listing> {
  const reply = await popup.evaluate<{ ok: boolean; value?: Listing; error?: unknown }>(
    `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ keyfob: 1, name: 'listCodes', data: {} })`,
  );
  if (!reply?.ok || !reply.value) throw new Error(`listCodes failed: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** Polls the background's listing until `accept` returns something. */
export function waitForListingWhere<T>(
  popup: PopupPage,
  accept: (listing: Listing) => T | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  let last: Listing | undefined;
  return waitFor(
    async () => {
      last = await listAccounts(popup);
      return accept(last);
    },
    { timeoutMs, intervalMs: 200, what },
  ).catch((error: unknown) => {
    if (error instanceof WaitAbort) throw error;
    const accounts = last?.accounts.map(({ code: _code, ...rest }) => rest);
    throw new Error(
      `${(error as Error).message}; last listing: ${JSON.stringify({ accounts, notices: last?.notices })}`,
      { cause: error },
    );
  });
}
