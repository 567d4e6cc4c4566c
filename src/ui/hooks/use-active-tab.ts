import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AccountView, ActiveTabInfo, SendMessage } from '../../messaging';

/** Nothing known about the page yet, or nothing Keyfob may know. */
const UNKNOWN: ActiveTabInfo = { origin: null, accountIds: [] };

/**
 * What the popup may know about the page it was opened over: its origin and the accounts
 * enrolled there. Asked again when the accounts, their states or their sites change, since an
 * account becomes fillable only once its setup is verified or the person links it.
 */
export function useActiveTab(
  send: SendMessage,
  accounts: readonly AccountView[] | undefined,
): ActiveTabInfo {
  const [info, setInfo] = useState<ActiveTabInfo>(UNKNOWN);
  const key = useMemo(
    () =>
      accounts
        ?.map((account) => JSON.stringify([account.id, account.status, account.origin ?? null]))
        .join(','),
    [accounts],
  );

  useEffect(() => {
    // Waiting for the first listing avoids asking twice when the popup opens.
    if (key === undefined) return;
    let current = true;
    send('getActiveTab', {}).then(
      (next) => current && setInfo(next),
      // Fill and Enroll are extras: without an answer the popup still shows and copies codes.
      () => current && setInfo(UNKNOWN),
    );
    return () => {
      current = false;
    };
  }, [send, key]);

  return info;
}
