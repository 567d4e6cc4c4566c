import { useRef, useState } from 'preact/hooks';
import type { AccountView, SendMessage } from '../../messaging';
import { ErrorAlert, TextField } from '../components/field';
import { RevealSecret } from '../components/reveal-secret';
import { SiteLink } from '../components/site-link';
import { accountName } from '../format';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useQuestionFocus } from '../hooks/use-question-focus';
import { useSubmit } from '../hooks/use-submit';

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
      ? ['Steam Guard', `${account.digits} characters`]
      : [account.type.toUpperCase(), account.algorithm, `${account.digits} digits`];
  if (account.type !== 'hotp') parts.push(`every ${account.period} s`);
  return parts.join(' · ');
}

/**
 * Renames an account (issuer and account name only), links it to the page behind the popup
 * or unlinks it, or deletes it after a confirmation.
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
    if (!name.trim()) return refuse('Enter the account name.', nameRef);
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
      <h2>Edit {accountName(account)}</h2>
      <p class="muted">
        {describeParameters(account)}
        {account.status === 'pending' && account.origin && (
          <>
            <br />
            Setting up on {account.origin}, not confirmed yet
          </>
        )}
      </p>
      {account.weak && (
        // Explained here, once, rather than as a badge on every row: the person can do nothing
        // about a secret's length but know what it means.
        <p class="hint">
          This site issued a secret shorter than the 128 bits current guidance asks for. Many sites
          still do, and it is safe to keep using: guessing it is far beyond reach. If the site lets
          you set up the authenticator again, it may issue a longer one.
        </p>
      )}
      <form onSubmit={save} noValidate aria-busy={busy}>
        <TextField label="Issuer" value={issuer} onValue={setIssuer} inputRef={issuerRef} />
        <TextField label="Account" value={name} onValue={setName} inputRef={nameRef} required />
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          {!confirming && (
            <button
              type="button"
              class="danger push-end"
              ref={deleteRef}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          )}
        </div>
      </form>
      <SiteLink send={send} account={account} tabOrigin={tabOrigin} onChanged={onSiteChanged} />
      <RevealSecret send={send} account={account} />
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="delete-prompt">
          <p id="delete-prompt" ref={promptRef} tabIndex={-1}>
            Delete {accountName(account)}? Its secret is erased from Keyfob for good. Make sure you
            can still sign in to this site another way.
          </p>
          <div class="actions">
            <button type="button" class="danger" onClick={remove}>
              Delete account
            </button>
            <button type="button" onClick={keep}>
              Keep account
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
