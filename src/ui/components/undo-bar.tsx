import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** How long "Undo" stays offered after a delete; the background keeps the record longer. */
export const UNDO_SHOW_MS = 10_000;

/** Props of {@link UndoBar}. */
export interface UndoBarProps {
  /** What happened, e.g. "Deleted GitHub (alice)". */
  message: string;
  onUndo(): void;
  /** The offer ran out: the caller stops showing the bar. */
  onExpire(): void;
  durationMs?: number;
}

/**
 * A bar below the list that offers to undo what just happened, for a while. It sits in the
 * page's flow, under the list, so it never covers a row. Its message is plain text: the
 * page's one status region has announced it already.
 */
export function UndoBar({ message, onUndo, onExpire, durationMs = UNDO_SHOW_MS }: UndoBarProps) {
  useEffect(() => {
    const timer = setTimeout(onExpire, durationMs);
    return () => clearTimeout(timer);
  }, [message, onExpire, durationMs]);

  return (
    <div class="undo-bar">
      <span class="undo-message">{message}</span>
      <button type="button" class="undo-button" onClick={onUndo}>
        {t('undoAction')}
      </button>
    </div>
  );
}
