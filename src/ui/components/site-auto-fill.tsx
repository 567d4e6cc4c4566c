import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import type { SendMessage } from '../../messaging';
import { errorMessage } from '../errors';
import { CheckboxField } from './choice-fields';
import { ErrorAlert } from './field';

/** Props of {@link SiteAutoFill}. */
export interface SiteAutoFillProps {
  send: SendMessage;
  /** The exact origin of the page the popup was opened over, with accounts bound to it. */
  origin: string;
}

/**
 * "Fill automatically on <origin>", next to the site's accounts in the popup: the person's
 * per-site choice of automatic sign-in fill. Off until they turn it on here.
 */
export function SiteAutoFill({ send, origin }: SiteAutoFillProps) {
  const [on, setOn] = useState<boolean>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    send('getAutoFillSites', {}).then(
      ({ origins }) => current && setOn(origins.includes(origin)),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [send, origin]);

  const change = async (next: boolean) => {
    setError(undefined);
    setOn(next);
    try {
      const { origins } = await send('setAutoFill', { origin, on: next });
      setOn(origins.includes(origin));
    } catch (failure) {
      setOn(!next);
      setError(errorMessage(failure));
    }
  };

  if (on === undefined) return <ErrorAlert message={error} />;
  return (
    <div class="site-auto-fill">
      <CheckboxField
        label={t('autoFillSiteLabel', origin)}
        checked={on}
        onChecked={(next) => void change(next)}
        hint={t('autoFillSiteHint')}
      />
      <ErrorAlert message={error} />
    </div>
  );
}
