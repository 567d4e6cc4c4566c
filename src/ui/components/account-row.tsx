import { useId, useRef } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { accountName, accountTitle, groupCode, originHost } from '../format';
import { isTimeBased } from '../../otp/steam';
import { atTime } from '../hooks/refresh-timing';
import { useClockValue, type SecondClock } from '../hooks/second-clock';
import { t } from '../i18n';
import { sameShownCode, shownCode } from '../shown-code';
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

/**
 * A row's code, and the next one in its last seconds: the one part of a row that follows the
 * clock, so a period boundary draws these again and nothing else of the row or the list.
 *
 * The code has two places, one over the other, that take turns by time step (ShownCode.slot):
 * the hidden one already holds the next step's code, and the next-code line its text, both
 * laid out when the listing came. At the boundary the two places only trade visibility and
 * attributes, so the browser paints and lays nothing out again (issue 10's boundary budget).
 * Each place's text is set in the same render that shows it, so the code shown is always the
 * clock's, laid out ahead or not.
 */
function RowCodes({ account, clock, base }: RowCodesProps) {
  const shown = useClockValue(clock, (at) => shownCode(account, at), sameShownCode);
  const held = useRef({ places: ['', ''], next: '' });
  const { places } = held.current;
  places[shown.slot] = shown.code;
  if (shown.upcoming !== undefined) {
    places[1 - shown.slot] = shown.upcoming;
    held.current.next = shown.upcoming;
  }
  return (
    <span class="account-codes" aria-hidden="true">
      {places.map((code, place) =>
        place === shown.slot ? (
          <span
            key={place}
            class={shown.stale ? 'account-code is-stale' : 'account-code'}
            id={`${base}-code`}
            data-testid="code"
            data-code={code}
          >
            {groupCode(code)}
          </span>
        ) : (
          <span key={place} class="account-code is-ahead">
            {groupCode(code)}
          </span>
        ),
      )}
      {held.current.next &&
        (shown.next ? (
          <span
            class="account-next-code"
            id={`${base}-next`}
            data-testid="next-code"
            data-next-code={shown.next}
          >
            {t('rowNextCode', groupCode(shown.next))}
          </span>
        ) : (
          <span class="account-next-code is-ahead">
            {t('rowNextCode', groupCode(held.current.next))}
          </span>
        ))}
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
