import { readContentConfig, type ObserverMessage } from '../page-messages';
import type { ObserverState } from './exchange';
import { createDisguise, type DisguiseWindow } from './disguise';
import { hookFetch, type FetchWindow } from './fetch-hook';
import { hookXhr, type XhrWindow } from './xhr-hook';

/** The parts of the page's window the observer uses. */
export type ObserverWindow = FetchWindow &
  XhrWindow &
  DisguiseWindow &
  Pick<Window, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'location'>;

/**
 * Installs the page observer into `win` (the page's own world, at document_start, before the
 * page's scripts capture fetch): hooks fetch and XMLHttpRequest, takes the device name from
 * the content script's config message, and posts what it reads to the content script with
 * window.postMessage. It never posts a token, a session, a code or a password: only a new
 * secret with its account labels, and VerifySoftwareToken outcomes. Returns an uninstall
 * function (for tests).
 *
 * It leaves the page nothing to detect it by: no global or marker under a name of ours,
 * wrappers the page can't tell from its own functions (./disguise), and no answer to a config
 * message (a page could post one to see who replies). Installed twice (an "Enroll on this
 * page" over a page that already has it), the second wraps the first and both read the same
 * calls; the content script drops the repeats.
 */
export function installPageObserver(win: ObserverWindow): () => void {
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
    // No reply: the content script sees its own message arrive after this listener ran.
    deviceName = config.deviceName;
  };
  win.addEventListener('message', onMessage);
  const disguise = createDisguise(win);
  const unhookFetch = hookFetch(win, state, disguise);
  const unhookXhr = hookXhr(win, state, disguise);

  return () => {
    win.removeEventListener('message', onMessage);
    unhookFetch();
    unhookXhr();
    disguise.restore();
  };
}
