import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** How long a short confirmation ("Copied") stays on screen. */
export const ANNOUNCE_MS = 2500;

/**
 * A short message for the page's single `role="status"` region. It clears itself so the next
 * identical message ("Copied" twice) is a change a screen reader announces again.
 */
export function useAnnouncer(durationMs = ANNOUNCE_MS): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const announce = useCallback(
    (next: string) => {
      clearTimeout(timer.current);
      setMessage(next);
      timer.current = setTimeout(() => setMessage(''), durationMs);
    },
    [durationMs],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, announce];
}
