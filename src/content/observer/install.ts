import { readContentConfig, type ObserverMessage } from '../page-messages';
import type { ObserverState } from './exchange';
import { hookFetch, type FetchWindow } from './fetch-hook';
import { hookXhr, type XhrWindow } from './xhr-hook';

/** The parts of the page's window the observer uses. */
export type ObserverWindow = FetchWindow &
  XhrWindow &
  Pick<Window, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'location'>;

const INSTALLED = Symbol.for('keyfob.page-observer');

/**
 * Installs the page observer into `win` (the page's own world, at document_start, before the
 * page's scripts capture fetch): hooks fetch and XMLHttpRequest, takes the device name from
 * the content script's config message, and posts what it reads to the content script with
 * window.postMessage. It never posts a token, a session, a code or a password: only a new
 * secret with its account labels, and VerifySoftwareToken outcomes. Returns an uninstall
 * function (for tests); a second install on the same window does nothing.
 */
export function installPageObserver(win: ObserverWindow): () => void {
  const marked = win as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return () => {};
  marked[INSTALLED] = true;

  let deviceName = '';
  let targetOrigin = '*';
  try {
    const origin = win.location.origin;
    if (origin && origin !== 'null') targetOrigin = origin;
  } catch {
    // An opaque origin: post to this same window whatever its origin is.
  }
  const post = (message: ObserverMessage) => {
    try {
      win.postMessage(message, targetOrigin);
    } catch {
      // Nothing to do: the content script simply hears nothing.
    }
  };
  const state: ObserverState = { deviceName: () => deviceName, post };

  const onMessage = (event: MessageEvent) => {
    // Only this window's own scripts (the content script) may configure the observer.
    if (event.source !== (win as unknown)) return;
    const config = readContentConfig(event.data);
    if (!config) return;
    deviceName = config.deviceName;
    post({ __keyfob: 'observer', type: 'ready' });
  };
  win.addEventListener('message', onMessage);
  const unhookFetch = hookFetch(win, state);
  const unhookXhr = hookXhr(win, state);
  post({ __keyfob: 'observer', type: 'ready' });

  return () => {
    win.removeEventListener('message', onMessage);
    unhookFetch();
    unhookXhr();
    delete marked[INSTALLED];
  };
}
