import { useState } from 'preact/hooks';
import type { AccountView, SendMessage } from '../../messaging';
import { accountName, isWebOrigin } from '../format';
import { t, tNodes } from '../i18n';
import { useQuestionFocus } from '../hooks/use-question-focus';
import { useSubmit } from '../hooks/use-submit';
import { ErrorAlert } from './field';

/** Props of {@link SiteLink}. */
export interface SiteLinkProps {
  send: SendMessage;
  account: AccountView;
  /** Exact origin of the page behind the popup, as the background reported it. */
  tabOrigin: string | null;
  /** The account was linked or unlinked: how it is now, and what to tell the person. */
  onChanged(account: AccountView, message: string): void;
}

/**
 * Where sign-in fill may use an account (docs/architecture.md §3 rule 6). A linked account
 * shows its exact origin and "Unlink from <origin>": a plain action, since it only takes fill
 * away and nothing is lost (the account stays, and "Use on this site" links it again). An
 * unlinked, verified account offers "Use on this site" on an http(s) page, and links only
 * after the person confirmed the exact origin shown. Unfinished setups get neither.
 */
export function SiteLink({ send, account, tabOrigin, onChanged }: SiteLinkProps) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmit();
  // On "Not now", focus goes back to "Use on this site".
  const { promptRef, askRef: offerRef, returnFocus } = useQuestionFocus(confirming);

  if (account.status === 'pending') return null;

  const { origin } = account;
  if (origin) {
    const unlink = () =>
      run(async () => {
        const updated = await send('unlinkAccount', { id: account.id });
        onChanged(updated, t('siteUnlinkedFrom', origin));
      });
    return (
      <div class="site-link">
        {account.status === 'verified' ? (
          <p>{tNodes('siteFillsOn', <strong>{origin}</strong>)}</p>
        ) : (
          <p>{tNodes('siteLinkedReplaced', <strong>{origin}</strong>)}</p>
        )}
        <ErrorAlert message={error} />
        <div class="actions">
          <button type="button" onClick={() => void unlink()} disabled={busy}>
            {t('siteUnlinkFrom', origin)}
          </button>
        </div>
      </div>
    );
  }

  if (account.status !== 'verified' || !isWebOrigin(tabOrigin)) return null;

  const cancel = () => {
    returnFocus();
    setConfirming(false);
  };
  const link = () =>
    run(async () => {
      // The background links the tab's own origin; this one only has to still be it.
      const updated = await send('linkAccountToActiveTab', {
        id: account.id,
        shownOrigin: tabOrigin,
      });
      onChanged(updated, t('siteLinkedTo', tabOrigin));
    });
  // Escape closes the question before it leaves the edit view.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || busy) return;
    event.preventDefault();
    cancel();
  };

  if (!confirming) {
    return (
      <div class="site-link">
        <div class="actions">
          <button type="button" ref={offerRef} onClick={() => setConfirming(true)}>
            {t('siteUseHere')}
          </button>
        </div>
        <p class="hint">{t('siteUseHereHint')}</p>
      </div>
    );
  }

  return (
    <div class="confirm site-link" role="group" aria-labelledby="link-prompt" onKeyDown={onKeyDown}>
      <p id="link-prompt" ref={promptRef} tabIndex={-1}>
        {tNodes('siteUseQuestion', accountName(account), <strong>{tabOrigin}</strong>)}
      </p>
      <ErrorAlert message={error} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => void link()} disabled={busy}>
          {t('siteUseOn', tabOrigin)}
        </button>
        <button type="button" onClick={cancel}>
          {t('actionNotNow')}
        </button>
      </div>
    </div>
  );
}
