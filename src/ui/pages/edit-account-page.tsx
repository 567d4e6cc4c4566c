import { useRef, useState } from 'preact/hooks';
import type { AccountView, SendMessage } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { RevealSecret } from '../components/reveal-secret';
import { SiteAutoFill } from '../components/site-auto-fill';
import { SiteLink } from '../components/site-link';
import { accountName } from '../format';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useQuestionFocus } from '../hooks/use-question-focus';
import { useSubmit } from '../hooks/use-submit';
import { t, tCount } from '../i18n';

/** Props of {@link EditAccountPage}. */
export interface EditAccountPageProps {
  send: SendMessage;
  account: AccountView;
  /** Exact origin of the page behind the popup, for "Use on this site". */
  tabOrigin: string | null;
  onSaved(account: AccountView): void;
  /** The account was linked to a site or unlinked; `message` says which. */
  onSiteChanged(account: AccountView, message: string): void;
  onDeleted(account: AccountView): void;
  onCancel(): void;
}

/**
 * What the account computes, in one line: "TOTP · SHA1 · 6 digits · every 30 s", or
 * "Steam Guard · 5 characters · every 30 s".
 */
function describeParameters(account: AccountView): string {
  const parts =
    account.type === 'steam'
      ? [t('addTypeSteam'), tCount(account.digits, 'importCharactersOne', 'importCharactersOther')]
      : [
          account.type.toUpperCase(),
          account.algorithm,
          tCount(account.digits, 'importDigitsOne', 'importDigitsOther'),
        ];
  if (account.type !== 'hotp') parts.push(t('editEverySeconds', account.period));
  return parts.join(' · ');
}

/**
 * Renames an account (issuer and account name only), links it to the page behind the popup
 * or unlinks it, turns automatic fill on its site on or off, or deletes it after a
 * confirmation.
 */
export function EditAccountPage({
  send,
  account,
  tabOrigin,
  onSaved,
  onSiteChanged,
  onDeleted,
  onCancel,
}: EditAccountPageProps) {
  const [issuer, setIssuer] = useState(account.issuer ?? '');
  const [name, setName] = useState(account.account);
  const { busy, error, onSubmit, refuse, run } = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const issuerRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useFocusOnMount(issuerRef);
  // On "Keep account", focus goes back to "Delete".
  const { promptRef, askRef: deleteRef, returnFocus } = useQuestionFocus(confirming);

  const save = onSubmit(async () => {
    if (!name.trim()) return refuse(t('editEnterAccount'), nameRef);
    await run(async () =>
      // An empty issuer is sent as '' so the background can tell "clear it" from "leave it".
      onSaved(
        await send('updateAccount', {
          id: account.id,
          issuer: issuer.trim(),
          account: name.trim(),
        }),
      ),
    );
  });

  const remove = () =>
    run(async () => {
      await send('deleteAccount', { id: account.id });
      onDeleted(account);
    });

  const keep = () => {
    returnFocus();
    setConfirming(false);
  };

  // Escape backs out one step: from the delete question to the form, from the form to the list.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || busy) return;
    event.preventDefault();
    if (confirming) keep();
    else onCancel();
  };

  return (
    <section class="page" onKeyDown={onKeyDown}>
      <h2>{t('editHeading', accountName(account))}</h2>
      <p class="muted">
        {describeParameters(account)}
        {account.status === 'pending' && account.origin && (
          <>
            <br />
            {t('editPendingOn', account.origin)}
          </>
        )}
      </p>
      {account.weak && (
        // Explained here, once, rather than as a badge on every row: the person can do nothing
        // about a secret's length but know what it means.
        <p class="hint">{t('editWeakSecret')}</p>
      )}
      <form onSubmit={save} noValidate aria-busy={busy}>
        <TextField
          label={t('fieldIssuer')}
          value={issuer}
          onValue={setIssuer}
          inputRef={issuerRef}
        />
        <TextField
          label={t('fieldAccount')}
          value={name}
          onValue={setName}
          inputRef={nameRef}
          required
        />
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('actionSave')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('actionCancel')}
          </button>
          {!confirming && (
            <button
              type="button"
              class="danger push-end"
              ref={deleteRef}
              onClick={() => setConfirming(true)}
            >
              {t('editDelete')}
            </button>
          )}
        </div>
      </form>
      <SiteLink send={send} account={account} tabOrigin={tabOrigin} onChanged={onSiteChanged} />
      {account.status === 'verified' && account.origin && (
        // The same per-site choice as in "On this site", for the exact origin this account
        // fills on, wherever the popup was opened.
        <SiteAutoFill send={send} origin={account.origin} />
      )}
      <RevealSecret send={send} account={account} />
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="delete-prompt">
          <p id="delete-prompt" ref={promptRef} tabIndex={-1}>
            {t('editDeleteQuestion', accountName(account))}
          </p>
          <div class="actions">
            <button type="button" class="danger" onClick={remove}>
              {t('editDeleteAccount')}
            </button>
            <button type="button" onClick={keep}>
              {t('editKeepAccount')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
