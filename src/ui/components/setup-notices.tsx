import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CodeListing } from '../../messaging';
import { originHost } from '../format';
import { t } from '../i18n';

/** One message about a Cognito setup, as the background lists it. */
export type SetupNotice = CodeListing['notices'][number];

/** More than a few messages would push the codes out of the popup. */
export const MAX_NOTICES = 3;

/** Identifies a notice across refreshes of the listing, which builds new objects each time. */
export function noticeKey(notice: SetupNotice): string {
  return `${notice.atMs}|${notice.origin}|${notice.message}`;
}

/** The notices to show: the newest {@link MAX_NOTICES}, minus those dismissed in this popup. */
export function visibleNotices(
  notices: readonly SetupNotice[],
  dismissed: ReadonlySet<string>,
): SetupNotice[] {
  return [...notices]
    .sort((a, b) => b.atMs - a.atMs)
    .slice(0, MAX_NOTICES)
    .filter((notice) => !dismissed.has(noticeKey(notice)));
}

/** Props of {@link SetupNotices}. */
export interface SetupNoticesProps {
  notices: readonly SetupNotice[];
  dismissed: ReadonlySet<string>;
  onDismiss(key: string): void;
  /** The last notice was dismissed: focus must go somewhere other than a removed button. */
  onAllDismissed(): void;
}

/**
 * Recent messages about setups ("app.example.com: the code did not match"). They sit in a
 * polite `role="status"` region: useful news, not an error of the popup's own that must
 * interrupt. Dismissing only hides a message in this popup; the background keeps it.
 */
export function SetupNotices({ notices, dismissed, onDismiss, onAllDismissed }: SetupNoticesProps) {
  const shown = visibleNotices(notices, dismissed);
  const base = useId();
  const listRef = useRef<HTMLUListElement>(null);
  // Index of the dismissed notice, so focus lands on its neighbour instead of the page top.
  const [refocus, setRefocus] = useState<number>();

  useLayoutEffect(() => {
    if (refocus === undefined) return;
    setRefocus(undefined);
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    const next = buttons[Math.min(refocus, buttons.length - 1)];
    if (next) next.focus();
    else onAllDismissed();
  }, [refocus, onAllDismissed]);

  if (shown.length === 0) return null;
  return (
    <div class="setup-notices" role="status">
      <ul aria-label={t('noticesLabel')} ref={listRef}>
        {shown.map((notice, index) => {
          const key = noticeKey(notice);
          const host = originHost(notice.origin);
          return (
            <li key={key} class="notice setup-notice">
              <span id={`${base}-${index}`}>{t('noticeFromSite', host, notice.message)}</span>
              <button
                type="button"
                class="notice-dismiss"
                aria-label={t('noticeDismissFrom', host)}
                aria-describedby={`${base}-${index}`}
                onClick={() => {
                  onDismiss(key);
                  setRefocus(index);
                }}
              >
                {t('noticeDismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
