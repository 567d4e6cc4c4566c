import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { AccountRow } from '../components/account-row';
import { ErrorAlert, TextField } from '../components/field';
import { damagedNotice, matchesQuery } from '../format';
import { secondsLeft } from '../hooks/refresh-timing';
import type { Codes } from '../hooks/use-codes';

/** Props of {@link CodesPage}. */
export interface CodesPageProps {
  codes: Codes;
  query: string;
  onQuery(query: string): void;
  /** Row whose code was just copied, for a brief visual cue. */
  copiedId?: string;
  onCopy(account: AccountView): void;
  onNextCode(account: AccountView): void;
  onEdit(account: AccountView): void;
  /** Row to focus once it is on screen (after an add or an edit), then `onFocused`. */
  focusId?: string;
  onFocused(): void;
}

const ROW_BUTTON = '.account-copy';

/** The unlocked home view: search, then every account with its live code. */
export function CodesPage(props: CodesPageProps) {
  const { codes, query } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const accounts = codes.listing?.accounts ?? [];
  const visible = accounts.filter((account) => matchesQuery(account, query));
  const damaged = codes.listing?.damaged.length ?? 0;

  const rowButtons = () =>
    Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>(ROW_BUTTON) ?? []);

  // "/" jumps to search, as on many sites; ignored while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable]')) return;
      if (!searchRef.current) return;
      event.preventDefault();
      searchRef.current.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A layout effect: focus moves before paint, so it never visibly lands on the page top first.
  const { focusId, onFocused } = props;
  useLayoutEffect(() => {
    if (!focusId) return;
    const row = Array.from(listRef.current?.children ?? []).find(
      (item) => (item as HTMLElement).dataset.accountId === focusId,
    );
    const button = row?.querySelector<HTMLButtonElement>(ROW_BUTTON);
    if (!button) return;
    button.focus();
    onFocused();
  }, [focusId, onFocused, visible.length]);

  const onListKey = (event: KeyboardEvent) => {
    const buttons = rowButtons();
    const current = (event.target as HTMLElement).closest('li')?.querySelector(ROW_BUTTON);
    const index = buttons.findIndex((button) => button === current);
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(index + 1, buttons.length - 1);
    else if (event.key === 'ArrowUp') {
      if (index === 0) {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      next = Math.max(index - 1, 0);
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === undefined || index < 0) return;
    event.preventDefault();
    buttons[next]?.focus();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      rowButtons()[0]?.focus();
    } else if (event.key === 'Enter' && visible.length === 1 && visible[0]) {
      // One match left: Enter copies it, so "/ git Enter" is all it takes.
      event.preventDefault();
      props.onCopy(visible[0]);
    }
  };

  if (!codes.listing) {
    return (
      <>
        <ErrorAlert message={codes.error} />
        {!codes.error && <p class="muted">Loading accounts…</p>}
      </>
    );
  }

  return (
    <>
      <ErrorAlert message={codes.error} />
      {damaged > 0 && <p class="notice">{damagedNotice(damaged)}</p>}
      {accounts.length === 0 ? (
        <div class="empty">
          <p>No accounts yet.</p>
          <p class="muted">
            Choose “Add account” to paste an otpauth:// link or type a secret. Keyfob also offers to
            save new authenticator setups on Amazon Cognito sign-in pages.
          </p>
        </div>
      ) : (
        <>
          <div class="search" onKeyDown={onSearchKey}>
            <TextField
              label="Search"
              type="search"
              value={query}
              onValue={props.onQuery}
              inputRef={searchRef}
              placeholder="Issuer or account (press /)"
            />
          </div>
          {visible.length === 0 && <p class="muted">No accounts match “{query.trim()}”.</p>}
          <ul class="accounts" aria-label="Accounts" ref={listRef} onKeyDown={onListKey}>
            {visible.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                secondsLeft={secondsLeft(account, codes.now, codes.offsetMs)}
                copied={props.copiedId === account.id}
                onCopy={props.onCopy}
                onNextCode={props.onNextCode}
                onEdit={props.onEdit}
              />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
