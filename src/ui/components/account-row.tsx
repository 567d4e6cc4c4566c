import { useId } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { accountName, accountTitle, groupCode } from '../format';
import { Countdown } from './countdown';
import { PencilIcon } from './icons';

/** Props of {@link AccountRow}. */
export interface AccountRowProps {
  account: AccountView;
  /** Whole seconds left for a TOTP code; `undefined` for HOTP. */
  secondsLeft?: number;
  /** Briefly true after this row's code was copied. */
  copied: boolean;
  onCopy(account: AccountView): void;
  onNextCode(account: AccountView): void;
  onEdit(account: AccountView): void;
}

/**
 * One account: a copy button (the whole row face: issuer, name, code, countdown), then
 * "Next code" for HOTP and "Edit". The copy button's name says what it does; the code and the
 * time left are its description, so a screen reader still hears them.
 */
export function AccountRow({
  account,
  secondsLeft,
  copied,
  onCopy,
  onNextCode,
  onEdit,
}: AccountRowProps) {
  const name = accountName(account);
  // Ids from useId, not the account id: ours are random, but an id attribute needs no trust.
  const base = useId();
  const described = [`${base}-code`, `${base}-badges`, secondsLeft !== undefined && `${base}-left`]
    .filter(Boolean)
    .join(' ');
  const stale = secondsLeft === 0;

  return (
    <li class={copied ? 'account is-copied' : 'account'} data-account-id={account.id}>
      <button
        type="button"
        class="account-copy"
        aria-label={`Copy code for ${name}`}
        aria-describedby={described}
        onClick={() => onCopy(account)}
      >
        <span class="account-text">
          <span class="account-title">{accountTitle(account)}</span>
          {account.issuer?.trim() && <span class="account-name">{account.account}</span>}
          <span class="account-badges" id={`${base}-badges`}>
            {account.weak && (
              <span class="badge badge-warn" title="This secret is shorter than 128 bits">
                weak secret
              </span>
            )}
            {account.status === 'pending' && (
              <span class="badge" title="Setup has not been confirmed by the site yet">
                pending
              </span>
            )}
            {account.status === 'replaced' && <span class="badge">replaced</span>}
          </span>
        </span>
        <span
          class={stale ? 'account-code is-stale' : 'account-code'}
          id={`${base}-code`}
          data-testid="code"
          data-code={account.code}
        >
          {groupCode(account.code)}
        </span>
        {secondsLeft !== undefined && (
          <Countdown id={`${base}-left`} secondsLeft={secondsLeft} period={account.period} />
        )}
      </button>
      {account.type === 'hotp' && (
        <button
          type="button"
          class="account-next"
          aria-label={`Next code for ${name}`}
          onClick={() => onNextCode(account)}
        >
          Next code
        </button>
      )}
      <button
        type="button"
        class="icon-button account-edit"
        aria-label={`Edit ${name}`}
        title="Edit"
        onClick={() => onEdit(account)}
      >
        <PencilIcon />
      </button>
    </li>
  );
}
