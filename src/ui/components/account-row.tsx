import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { accountName, accountTitle, groupCode, originHost } from '../format';
import { isTimeBased } from '../../otp/steam';
import { atTime } from '../hooks/refresh-timing';
import type { SecondClock } from '../hooks/second-clock';
import { t } from '../i18n';
import { codeSlot, sameShownCode, shownCode, type ShownCode } from '../shown-code';
import { Countdown } from './countdown';
import { PencilIcon, PinIcon } from './icons';
import { memo } from './memo';
import { placementProps, type RowPlacement } from './virtual-rows';

/** The list's shared countdown: the codes of one period, and its sentence's element id. */
export interface SharedCountdown {
  period: number;
  id: string;
}

/** Props of {@link AccountRow}. */
export interface AccountRowProps {
  account: AccountView;
  /** The countdown clock (background time, once a second). */
  clock: SecondClock;
  /** A TOTP code of this period shows no countdown of its own: the shared one counts it. */
  shared?: SharedCountdown | undefined;
  /** Briefly true after this row's code was copied. */
  copied: boolean;
  onCopy(account: AccountView): void;
  onNextCode(account: AccountView): void;
  onEdit(account: AccountView): void;
  /** Present only for accounts enrolled on the page the popup was opened over. */
  onFill?: ((account: AccountView) => void) | undefined;
  /** In a long list, where the row is drawn (see VirtualRows). */
  placement?: RowPlacement | undefined;
  /** Pins or unpins the account (a toggle button), when offered. */
  onPin?: ((account: AccountView) => void) | undefined;
  /** The row can be moved by hand: Alt+Up/Down on its button. */
  movable?: boolean | undefined;
  /** The row can be dragged onto another (see useReorder). */
  draggable?: boolean | undefined;
}

/** Props of {@link RowCodes}. */
interface RowCodesProps {
  account: AccountView;
  clock: SecondClock;
  /** The row's `useId`, for the elements' ids. */
  base: string;
}

/** Sets or removes attribute `name` of `element`, writing only when it differs. */
function setOrRemoveAttribute(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

/**
 * Shows in a row's code cell (drawn by RowCodes) what the clock says: which of the two code
 * places is seen, faded or not, and whether the next-code line is. Attributes only: every text
 * is there already. The place shown carries the code's test id, `data-code` and the id the
 * copy button's description names; the hidden ones carry none.
 */
function showCodes(cell: Element, shown: ShownCode, base: string): void {
  const [first, second, next] = Array.from(cell.children);
  [first, second].forEach((place, index) => {
    if (!place) return;
    const seen = index === shown.slot;
    place.classList.toggle('is-ahead', !seen);
    place.classList.toggle('is-stale', seen && shown.stale);
    setOrRemoveAttribute(place, 'id', seen ? `${base}-code` : undefined);
    setOrRemoveAttribute(place, 'data-testid', seen ? 'code' : undefined);
    setOrRemoveAttribute(place, 'data-code', seen ? shown.code : undefined);
  });
  if (!next) return;
  next.classList.toggle('is-ahead', shown.next === undefined);
  setOrRemoveAttribute(next, 'id', shown.next && `${base}-next`);
  setOrRemoveAttribute(next, 'data-testid', shown.next && 'next-code');
  setOrRemoveAttribute(next, 'data-next-code', shown.next);
}

/**
 * A row's code, and the next one in its last seconds: the one part of a row that follows the
 * clock, without being drawn again by it.
 *
 * The code has two places, one over the other, that take turns by time step (ShownCode.slot):
 * the received code is in its step's place, the next code sent with it in the other, and the
 * next-code line below holds that one too. All three are laid out when the listing comes. The
 * clock then only changes attributes (showCodes): at a period boundary the places trade
 * visibility, so the browser lays nothing out again and no component renders (issue 10's
 * boundary budget). Each place's text depends on the account alone, and the place shown is
 * the one of the shown code's step, so the code seen is always the clock's.
 */
function RowCodes({ account, clock, base }: RowCodesProps) {
  const cell = useRef<HTMLSpanElement>(null);
  const places = ['', ''];
  const slot = codeSlot(account);
  places[slot] = account.code;
  places[1 - slot] = account.nextCode ?? '';
  // After every render, and at every tick: before the paint, and checked at once, so a clock
  // moved since (a row drawn just before a period boundary) leaves no stale code.
  useLayoutEffect(() => {
    const element = cell.current;
    if (!element) return;
    let last: ShownCode | undefined;
    const update = () => {
      const shown = shownCode(account, clock.at());
      if (last && sameShownCode(last, shown)) return;
      last = shown;
      showCodes(element, shown, base);
    };
    update();
    return clock.subscribe(update);
  });
  return (
    <span class="account-codes" aria-hidden="true" ref={cell}>
      {places.map((code, place) => (
        <span key={place} class="account-code">
          {groupCode(code)}
        </span>
      ))}
      {account.nextCode !== undefined && (
        <span class="account-next-code">{t('rowNextCode', groupCode(account.nextCode))}</span>
      )}
    </span>
  );
}

/**
 * One account: a copy button (the whole row face: issuer, name, enrollment site, code,
 * countdown), then "Fill" for the page's own accounts, "Next code" for HOTP and "Edit".
 *
 * The copy button is named by its content, "Copy code for GitHub alice": a hidden verb, then
 * the visible title and account name, so the name contains what is shown (WCAG 2.5.3, "Label
 * in Name": speech input can say "click GitHub"). An aria-label could not also contain the
 * code and countdown shown beside them. Those, the badges and the site are hidden from the
 * name and read as its description instead, so a screen reader still hears them once.
 */
function AccountRowView({
  account,
  clock,
  shared,
  copied,
  onCopy,
  onNextCode,
  onEdit,
  onFill,
  placement,
  onPin,
  movable,
  draggable,
}: AccountRowProps) {
  const name = accountName(account);
  // Ids from useId, not the account id: ours are random, but an id attribute needs no trust.
  const base = useId();
  // Where Fill would put the code, the site is shown as the exact origin (scheme, host and
  // port) it fills on: a host alone hides an http or another-port look-alike.
  const host = account.origin && !onFill ? originHost(account.origin) : account.origin;
  const timed = isTimeBased(account.type) && account.validUntilMs !== undefined;
  // Codes of the shared countdown's period point at its sentence; others count down here.
  const ownCountdown = timed && account.period !== shared?.period;
  const described = [
    `${base}-code`,
    `${base}-badges`,
    host && `${base}-origin`,
    timed && (ownCountdown ? `${base}-left` : shared?.id),
    // The next code is there only in a step's last seconds: the reference is left in for the
    // rest of the step (an id that names nothing adds nothing), so that the row need not be
    // drawn again when it comes and goes, only its codes.
    account.nextCode && `${base}-next`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      class={copied ? 'account is-copied' : 'account'}
      data-account-id={account.id}
      {...placementProps(placement)}
      draggable={draggable || undefined}
    >
      <button
        type="button"
        class="account-copy"
        aria-describedby={described}
        aria-keyshortcuts={movable ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
        // The code shown: the one the clock drew (see RowCodes).
        onClick={() => onCopy(atTime(account, clock.at()))}
      >
        <span class="account-text">
          <span class="sr-only">{t('rowCopyCodeFor')}</span>
          {/* Long names are cut with an ellipsis; the title shows them whole on hover. */}
          <span class="account-title" title={accountTitle(account)}>
            {accountTitle(account)}
          </span>
          {account.issuer?.trim() && account.account && (
            <span class="account-name" title={account.account}>
              {account.account}
            </span>
          )}
          {host && (
            <span class="account-origin" id={`${base}-origin`} title={host} aria-hidden="true">
              {host}
            </span>
          )}
          <span class="account-badges" id={`${base}-badges`} aria-hidden="true">
            {account.status === 'pending' && (
              <span class="badge" title={t('rowPendingTitle')}>
                {t('rowPending')}
              </span>
            )}
            {account.status === 'replaced' && (
              <span class="badge" title={t('rowReplacedTitle')}>
                {t('rowReplaced')}
              </span>
            )}
          </span>
        </span>
        <RowCodes account={account} clock={clock} base={base} />
        {ownCountdown && <Countdown id={`${base}-left`} clock={clock} account={account} />}
      </button>
      {onFill && (
        <button
          type="button"
          class="account-fill"
          aria-label={t('rowFillFor', name)}
          aria-describedby={host ? `${base}-origin` : undefined}
          onClick={() => onFill(account)}
        >
          {t('rowFill')}
        </button>
      )}
      {account.type === 'hotp' && (
        <button
          type="button"
          class="account-next"
          aria-label={t('rowNextFor', name)}
          onClick={() => onNextCode(account)}
        >
          {t('rowNext')}
        </button>
      )}
      {onPin && (
        <button
          type="button"
          class="icon-button account-pin"
          aria-label={t('rowPin', name)}
          aria-pressed={account.pinned}
          title={t(account.pinned ? 'rowUnpinTitle' : 'rowPinTitle')}
          onClick={() => onPin(account)}
        >
          <PinIcon />
        </button>
      )}
      <button
        type="button"
        class="icon-button account-edit"
        aria-label={t('rowEditFor', name)}
        title={t('rowEdit')}
        onClick={() => onEdit(account)}
      >
        <PencilIcon />
      </button>
    </li>
  );
}

const samePlacement = (a?: RowPlacement, b?: RowPlacement) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.top === b.top &&
    a.position === b.position &&
    a.total === b.total);

/**
 * One account's row (see AccountRowView), drawn again only when one of its props changes (an
 * edit, a new listing); the clock redraws only its codes (RowCodes) and its own countdown.
 */
export const AccountRow = memo(
  AccountRowView,
  (old, next) =>
    samePlacement(old.placement, next.placement) &&
    (Object.keys(next) as (keyof AccountRowProps)[]).every(
      (key) => key === 'placement' || old[key] === next[key],
    ),
);
