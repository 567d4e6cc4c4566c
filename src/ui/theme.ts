import { THEMES, type SendMessage, type Theme } from '../messaging';
import { whenIdleAfterPaint } from './after-paint';

/**
 * The page-side copy of the theme in `localStorage`: read synchronously as a page starts, so it
 * renders in the right colours before the background answers. The setting itself is kept by the
 * background with the other preferences; the copy only mirrors it (a theme is no secret).
 */
const COPY_KEY = 'keyfob.theme';

const isTheme = (value: unknown): value is Theme => (THEMES as readonly unknown[]).includes(value);

/** Draws the page in `theme`: `data-theme` on the root picks the palette in popup.css. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}

/** Applies `theme` and keeps it as the copy the next page starts with. */
export function showTheme(theme: Theme, copy: Storage = localStorage): void {
  applyTheme(theme);
  try {
    copy.setItem(COPY_KEY, theme);
  } catch {
    // Storage full or refused: the page still shows the theme, the next one asks the background.
  }
}

/** Draws the page in the copy's theme, when the copy holds one. */
function applyCopy(copy: Storage): void {
  const stored = copy.getItem(COPY_KEY);
  if (isTheme(stored)) applyTheme(stored);
}

/**
 * Starts a page in its theme: the copy at once, then the background's setting when it answers.
 * A choice made in another open extension page (the options page under the popup) follows
 * through the copy's `storage` event. The page listens once it has painted and is idle
 * (`listenSoon`): Chromium opens the page's session storage for a `storage` listener, 1 to
 * 10 ms of waiting on the browser that would otherwise come before the first paint, or in the
 * frames just after it (issue 10); the copy is read again then, for a choice made in between.
 */
export function startTheme(
  send: SendMessage,
  copy: Storage = localStorage,
  listenSoon: (listen: () => void) => void = whenIdleAfterPaint,
): void {
  applyCopy(copy);
  send('getSettings', {}).then(
    (settings) => showTheme(settings.theme, copy),
    () => undefined, // keep the copy's theme: the background reports its errors elsewhere
  );
  listenSoon(() => {
    window.addEventListener('storage', (event) => {
      if (event.key === COPY_KEY && isTheme(event.newValue)) applyTheme(event.newValue);
    });
    applyCopy(copy);
  });
}
