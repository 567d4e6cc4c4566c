import { useLayoutEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

/**
 * Moves focus to `ref` when a view appears. The `autofocus` attribute only works on page load,
 * and every screen of the popup is swapped in later. A layout effect, so focus is in place
 * before the first paint and keystrokes typed right away are not lost.
 */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [ref]);
}
