import type { AccountView } from '../messaging';

/** What the popup must ask the person about setups, read from the account listing. */
export interface SetupQuestionList {
  /** Pending accounts: "Did you finish setting up <origin>?" */
  unfinished: AccountView[];
  /** Verified accounts sharing one origin and account name: which one to keep? */
  choices: AccountView[][];
}

/**
 * The questions for `accounts`. A pending account is never verified on a page's word, and a
 * verified one is never demoted on it: these are the person's to answer.
 */
export function setupQuestions(accounts: readonly AccountView[]): SetupQuestionList {
  const unfinished = accounts.filter((a) => a.status === 'pending' && a.origin !== undefined);
  const groups = new Map<string, AccountView[]>();
  for (const account of accounts) {
    if (account.status !== 'verified' || account.origin === undefined) continue;
    const key = JSON.stringify([account.origin, account.account]);
    groups.set(key, [...(groups.get(key) ?? []), account]);
  }
  return { unfinished, choices: [...groups.values()].filter((group) => group.length > 1) };
}
