import { t } from '../i18n';
import type { ComponentChildren } from 'preact';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'preact/hooks';
import type { AccountSort, AccountView } from '../../messaging';
import { AccountRow, type SharedCountdown } from '../components/account-row';
import { Countdown } from '../components/countdown';
import { VirtualRows, type RowPlacement } from '../components/virtual-rows';
import { OPENING_DRAWN_ROWS, VIRTUAL_MIN_ROWS } from '../long-list';
import { afterNextPaint, whenIdleAfterPaint } from '../after-paint';
import { ErrorAlert, TextField } from '../components/field';
import { lazyView } from '../components/lazy';
import { SortMenu } from '../components/sort-menu';
import { clockWarning } from '../clock-text';
import { damagedNotice, matchesQuery } from '../format';
import { isTimeBased } from '../../otp/steam';
import type { Codes } from '../hooks/use-codes';
import { useReorder, type Place } from '../hooks/use-reorder';
import { sortAccounts } from '../../shared/sort-accounts';

/** Props of {@link CodesPage}. */
export interface CodesPageProps {
  codes: Codes;
  query: string;
  onQuery(query: string): void;
  /** Row whose code was just copied, for a brief visual cue. */
  copiedId?: string | undefined;
  onCopy(account: AccountView): void;
  onNextCode(account: AccountView): void;
  onEdit(account: AccountView): void;
  /** Row to focus once it is on screen (after an add or an edit), then `onFocused`. */
  focusId?: string | undefined;
  onFocused(): void;
  /** Accounts enrolled on the page the popup was opened over: listed first, with "Fill". */
  siteIds: ReadonlySet<string>;
  onFill(account: AccountView): void;
  /** Shown under the site's accounts (the per-site automatic fill choice). */
  siteExtra?: ComponentChildren;
  /** The page is a web page, where "Enroll on this page" can look for a setup screen. */
  canEnroll: boolean;
  onEnroll(): void;
  /** Setup messages hidden in this popup session (keys from `noticeKey`). */
  dismissedNotices: ReadonlySet<string>;
  onDismissNotice(key: string): void;
  /** How the list is sorted below its pinned accounts, and a new choice. */
  sort: AccountSort;
  onSort(sort: AccountSort): void;
  onPin(account: AccountView): void;
  /** Sorted by hand: an account moved to a new `order`, now at `place` of its list. */
  onMove(account: AccountView, order: number, place: Place): void;
}

// Messages about setups come now and then: their code loads when there are some.
const SetupNotices = lazyView(() =>
  import('../components/setup-notices').then((m) => m.SetupNotices),
);

const ROW_BUTTON = '.account-copy';

/** Rows that show the same lines have the same height (see VirtualRows). */
const rowKind = (account: AccountView) =>
  `${account.issuer?.trim() ? 'n' : ''}${account.origin ? 'o' : ''}${account.status === 'verified' ? '' : 'b'}${account.type === 'hotp' ? 'h' : ''}`;
const rowKey = (account: AccountView) => account.id;

/**
 * The account whose code the list's one countdown follows: one of the most common period
 * among the time-based accounts (their codes share a step; the rest count down in their rows).
 */
export function sharedCountdownAccount(accounts: readonly AccountView[]): AccountView | undefined {
  const counts = new Map<number, number>();
  let best: AccountView | undefined;
  let bestCount = 0;
  for (const account of accounts) {
    if (!isTimeBased(account.type) || account.validUntilMs === undefined) continue;
    const count = (counts.get(account.period) ?? 0) + 1;
    counts.set(account.period, count);
    if (count > bestCount) {
      bestCount = count;
      best = best?.period === account.period ? best : account;
    }
  }
  return best;
}

/** Accounts split the way the list shows them. */
interface Groups {
  site: AccountView[];
  others: AccountView[];
  replaced: AccountView[];
}

function groupAccounts(accounts: readonly AccountView[], siteIds: ReadonlySet<string>): Groups {
  const groups: Groups = { site: [], others: [], replaced: [] };
  for (const account of accounts) {
    if (siteIds.has(account.id)) groups.site.push(account);
    else if (account.status === 'replaced') groups.replaced.push(account);
    else groups.others.push(account);
  }
  return groups;
}

/**
 * The unlocked home view: setup messages, search, the accounts of the current site (with
 * "Fill"), every other account with its live code, "Enroll on this page", and last the
 * replaced accounts, folded away.
 */
export function CodesPage(props: CodesPageProps) {
  const { codes, query } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const siteHeadingId = useId();
  const sharedLeftId = useId();
  // The accounts as received, not as switched to their next codes: a period boundary draws
  // nothing here again, only the drawn rows' codes, which read the clock (see Codes.received).
  const accounts = codes.received;
  const visible = useMemo(
    () =>
      sortAccounts(
        accounts.filter((account) => matchesQuery(account, query)),
        props.sort,
      ),
    [accounts, query, props.sort],
  );
  const groups = useMemo(() => groupAccounts(visible, props.siteIds), [visible, props.siteIds]);
  const [replacedOpen, setReplacedOpen] = useState(false);
  // The row that has focus, or is about to get it: a long list keeps it drawn when out of view.
  const [focusedId, setFocusedId] = useState<string>();
  const [focusTarget, setFocusTarget] = useState<string>();
  // A long list's rows not come yet (the opening's first rows came first); a search looks
  // through the rows that came, and finds the rest once they are here.
  const more = query.trim() === '' ? (codes.listing?.unsent ?? 0) : 0;
  // Moving by hand waits for the whole list: a move's new order is worked out from the rows
  // around it.
  const manual = props.sort === 'manual' && codes.listing?.unsent === undefined;
  const reorder = useReorder({
    enabled: manual,
    lists: [groups.site, groups.others, groups.replaced],
    onMove: props.onMove,
    container: rowsRef,
  });
  // One countdown above the list; only its ticks re-render anything, never the rows.
  const timer = useMemo(() => sharedCountdownAccount(accounts), [accounts]);
  const { current } = codes;
  const sharedPeriod = timer?.period;
  const shared = useMemo<SharedCountdown | undefined>(
    () => (sharedPeriod === undefined ? undefined : { period: sharedPeriod, id: sharedLeftId }),
    [sharedPeriod, sharedLeftId],
  );
  const damaged = codes.listing?.damaged.length ?? 0;
  const clockNotice = clockWarning(codes.listing?.clockOffsetMs ?? 0);

  // Arrow keys walk every row, across the groups; rows of the folded replaced group are out
  // of sight, so they are skipped. By the list's order, not the page's: a long list draws
  // only the rows near view.
  const rowOrder = useMemo(
    () => [...groups.site, ...groups.others, ...(replacedOpen ? groups.replaced : [])],
    [groups, replacedOpen],
  );

  const focusFirstControl = useCallback(() => {
    // i18n-exempt: a CSS selector.
    rootRef.current?.querySelector<HTMLElement>('input, button, summary')?.focus();
  }, []);

  // "/" jumps to search, as on many sites; ignored while typing in a field. Heard from the
  // first paint on, as the search box has focus from then.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      // i18n-exempt: a CSS selector.
      if (target?.closest('input, textarea, select, [contenteditable]')) return;
      if (!searchRef.current) return;
      event.preventDefault();
      searchRef.current.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Once the list first shows (after unlock, or on opening an unlocked popup), typing goes to
  // search, unless something already holds focus (a row after an edit, a notice's button).
  // Before the paint: the first frame shows the focused box, not a second frame soon after.
  const listed = Boolean(codes.listing && accounts.length > 0);
  useLayoutEffect(() => {
    if (!listed) return;
    const active = document.activeElement;
    if (!active || active === document.body) searchRef.current?.focus();
  }, [listed]);

  /** The row of account `id`, if it is on screen. */
  const rowOf = (id: string) =>
    // Compared as data, not put into a selector: an id needs no escaping that way.
    Array.from(rowsRef.current?.querySelectorAll<HTMLElement>('[data-account-id]') ?? []).find(
      (item) => item.dataset.accountId === id,
    );

  // A layout effect: focus moves before paint, so it never visibly lands on the page top first.
  const { focusId, onFocused } = props;
  useLayoutEffect(() => {
    if (!focusId) return;
    const row = rowOf(focusId);
    const button = row?.querySelector<HTMLButtonElement>(ROW_BUTTON);
    if (!row || !button) return;
    // A replaced account just edited sits in the folded group: unfold it so focus can land.
    const details = row.closest('details');
    if (details && !details.open) details.open = true;
    button.focus();
    onFocused();
  }, [focusId, onFocused, visible.length]);

  // A row that moves between groups (an account linked to or unlinked from the site) is a new
  // element: focus follows it instead of falling back to the page.
  const onFocusIn = (event: FocusEvent) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-account-id]');
    setFocusedId(item?.dataset.accountId);
  };

  // A key pressed on a row named the row to go to; it is drawn now, so focus can land on it.
  useLayoutEffect(() => {
    if (!focusTarget) return;
    rowOf(focusTarget)?.querySelector<HTMLButtonElement>(ROW_BUTTON)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);
  const { siteIds } = props;
  useLayoutEffect(() => {
    const id = focusedId;
    if (!id || document.activeElement !== document.body) return;
    rowOf(id)?.querySelector<HTMLButtonElement>(ROW_BUTTON)?.focus();
  }, [siteIds]);

  const onListKey = (event: KeyboardEvent) => {
    if (reorder.onKeyDown(event)) return;
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-account-id]')?.dataset
      .accountId;
    const index = rowOrder.findIndex((account) => account.id === id);
    if (index < 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(index + 1, rowOrder.length - 1);
    else if (event.key === 'ArrowUp') {
      if (index === 0) {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      next = index - 1;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rowOrder.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    setFocusTarget(rowOrder[next]?.id);
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setFocusTarget(rowOrder[0]?.id);
    } else if (event.key === 'Enter' && visible.length === 1 && visible[0]) {
      // One match left: Enter copies it, so "/ git Enter" is all it takes.
      event.preventDefault();
      props.onCopy(current(visible[0]));
    }
  };

  // A list drawn whole draws the rows that fill the popup before its first paint, and the rest
  // just after (OPENING_DRAWN_ROWS); meanwhile the rows drawn carry the list's whole length, as
  // a long list's do. A row about to get focus may be one of the rest: they are drawn now.
  const virtual = groups.others.length + more > VIRTUAL_MIN_ROWS;
  const [firstFrame, setFirstFrame] = useState(true);
  const focusComing = focusId !== undefined || focusTarget !== undefined;
  const openingOnly =
    firstFrame && !focusComing && !virtual && groups.others.length > OPENING_DRAWN_ROWS;
  useLayoutEffect(() => {
    if (focusComing) setFirstFrame(false);
  }, [focusComing]);
  useEffect(() => {
    if (!listed || !firstFrame) return;
    let mounted = true;
    // Not the effect alone: Preact runs a pending effect before the paint when the page
    // renders again first. A list drawn otherwise only marks its first frame over, when
    // nothing else waits.
    (openingOnly ? afterNextPaint : whenIdleAfterPaint)(() => mounted && setFirstFrame(false));
    return () => {
      mounted = false;
    };
  }, [listed, firstFrame, openingOnly]);

  const renderRow = (account: AccountView, fill = false, placement?: RowPlacement) => (
    <AccountRow
      key={account.id}
      account={account}
      placement={placement}
      clock={codes.clock}
      shared={shared}
      copied={props.copiedId === account.id}
      onCopy={props.onCopy}
      onNextCode={props.onNextCode}
      onEdit={props.onEdit}
      onFill={fill ? props.onFill : undefined}
      onPin={props.onPin}
      movable={manual}
      draggable={reorder.draggable}
    />
  );

  const enroll = props.canEnroll && (
    <div class="enroll">
      <button type="button" onClick={props.onEnroll}>
        {t('codesEnroll')}
      </button>
      <p class="hint">{t('codesEnrollHint')}</p>
    </div>
  );

  if (!codes.listing) {
    return (
      <>
        <ErrorAlert message={codes.error} />
        {!codes.error && <p class="muted">{t('codesLoading')}</p>}
      </>
    );
  }

  return (
    <div ref={rootRef} onFocusIn={onFocusIn}>
      <ErrorAlert message={codes.error} />
      {damaged > 0 && <p class="notice">{damagedNotice(damaged)}</p>}
      {clockNotice && <p class="warning">{clockNotice}</p>}
      {codes.listing.notices.length > 0 && (
        <SetupNotices
          notices={codes.listing.notices}
          dismissed={props.dismissedNotices}
          onDismiss={props.onDismissNotice}
          onAllDismissed={focusFirstControl}
        />
      )}
      {accounts.length === 0 ? (
        <div class="empty">
          <p>{t('accountsNone')}</p>
          <p class="muted">{t('codesEmptyHint')}</p>
          {enroll}
        </div>
      ) : (
        <>
          <div class="search" onKeyDown={onSearchKey}>
            <TextField
              label={t('codesSearch')}
              type="search"
              value={query}
              onValue={props.onQuery}
              inputRef={searchRef}
              placeholder={t('codesSearchPlaceholder')}
            />
          </div>
          <div class="list-head">
            <SortMenu value={props.sort} onChange={props.onSort} />
            {timer && <Countdown id={sharedLeftId} clock={codes.clock} account={timer} ring />}
          </div>
          {visible.length === 0 && <p class="muted">{t('codesNoMatch', query.trim())}</p>}
          <div ref={rowsRef} onKeyDown={onListKey}>
            {groups.site.length > 0 && (
              <div class="group">
                <h2 class="group-title" id={siteHeadingId}>
                  {t('codesOnThisSite')}
                </h2>
                <ul class="accounts" aria-labelledby={siteHeadingId}>
                  {groups.site.map((account) => renderRow(account, true))}
                </ul>
                {props.siteExtra}
              </div>
            )}
            {groups.site.length > 0 && groups.others.length > 0 && (
              <h2 class="group-title">{t('codesOtherAccounts')}</h2>
            )}
            {virtual ? (
              <VirtualRows
                items={groups.others}
                more={more}
                keyOf={rowKey}
                kindOf={rowKind}
                render={(account, placement) => renderRow(account, false, placement)}
                keep={[focusTarget, focusedId, focusId]}
                label={t('codesAccounts')}
              />
            ) : (
              <ul class="accounts" aria-label={t('codesAccounts')}>
                {openingOnly
                  ? groups.others.slice(0, OPENING_DRAWN_ROWS).map((account, index) =>
                      renderRow(account, false, {
                        position: index + 1,
                        total: groups.others.length,
                      }),
                    )
                  : groups.others.map((account) => renderRow(account))}
              </ul>
            )}
            {enroll}
            {groups.replaced.length > 0 && (
              <details
                class="replaced"
                onToggle={(event) => setReplacedOpen((event.target as HTMLDetailsElement).open)}
              >
                <summary>{t('codesReplacedCount', groups.replaced.length)}</summary>
                <ul class="accounts" aria-label={t('codesReplaced')}>
                  {groups.replaced.map((account) => renderRow(account))}
                </ul>
              </details>
            )}
          </div>
        </>
      )}
    </div>
  );
}
