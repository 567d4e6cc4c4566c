import { useState } from 'preact/hooks';
import type { AccountView, SendMessage } from '../../messaging';
import { errorMessage } from '../errors';
import { accountName } from '../format';
import { t, tNodes } from '../i18n';
import { ErrorAlert } from './field';
import { setupQuestions } from '../setup-question-list';

/**
 * Which of several accounts for one name on one site to keep, worded by how each got there:
 * a setup Keyfob saw on the site, or an account the person linked with "Use on this site".
 */
function choiceQuestion(group: readonly AccountView[]): string {
  const name = group[0]!.account || accountName(group[0]!);
  const origin = group[0]!.origin!;
  const linked = group.filter((account) => account.linked).length;
  if (linked === 0) return t('setupChooseSetups', name, origin);
  if (linked === group.length) return t('setupChooseLinked', name, origin);
  return t('setupChooseSetupOrLinked', name, origin);
}

/** "Keep setup 2 (code …)" / "Keep linked account (code …)": numbered only among its kind. */
function keepLabel(group: readonly AccountView[], account: AccountView): string {
  const kind = group.filter((other) => Boolean(other.linked) === Boolean(account.linked));
  if (kind.length === 1) {
    return t(account.linked ? 'setupKeepLinked' : 'setupKeepSetup', account.code);
  }
  const number = kind.indexOf(account) + 1;
  return t(
    account.linked ? 'setupKeepLinkedNumbered' : 'setupKeepSetupNumbered',
    number,
    account.code,
  );
}

/** Props of {@link SetupQuestions}. */
export interface SetupQuestionsProps {
  accounts: readonly AccountView[];
  send: SendMessage;
  /** An answer changed the accounts: list them again. */
  onChanged(): void;
}

/**
 * Asks about unfinished setups ("Did you finish setting up <exact origin>?" Keep / Discard,
 * and "Remove all pending") and about two verified accounts for one name on one site (which
 * one to keep). The exact origin is shown, since two sites may share a host name.
 */
export function SetupQuestions({ accounts, send, onChanged }: SetupQuestionsProps) {
  const [error, setError] = useState<string>();
  const { unfinished, choices } = setupQuestions(accounts);
  if (unfinished.length === 0 && choices.length === 0) return null;

  const answer = (action: () => Promise<unknown>) => async () => {
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="setup-questions" aria-label={t('setupQuestionsLabel')}>
      <ErrorAlert message={error} />
      <ul>
        {unfinished.map((account) => (
          <li key={account.id} class="notice" data-question="finished" data-for={account.id}>
            <p>
              {tNodes(
                'setupFinishedQuestion',
                <strong>{account.origin}</strong>,
                accountName(account),
              )}
            </p>
            <button
              type="button"
              onClick={answer(() => send('keepPendingAccount', { id: account.id }))}
            >
              {t('setupKeep')}
            </button>{' '}
            <button type="button" onClick={answer(() => send('deleteAccount', { id: account.id }))}>
              {t('setupDiscard')}
            </button>
          </li>
        ))}
        {choices.map((group) => (
          <li key={group[0]!.id} class="notice" data-question="choose">
            <p>{choiceQuestion(group)}</p>
            {group.map((account) => (
              <button
                key={account.id}
                type="button"
                data-for={account.id}
                onClick={answer(() => send('keepAccountForSite', { id: account.id }))}
              >
                {keepLabel(group, account)}
              </button>
            ))}
          </li>
        ))}
      </ul>
      {unfinished.length > 0 && (
        <button type="button" onClick={answer(() => send('removePendingAccounts', {}))}>
          {t('setupRemoveAllPending')}
        </button>
      )}
    </section>
  );
}
