/**
 * The page observer, run in the page's MAIN world. It imports no browser extension API:
 * everything it learns leaves through window.postMessage, to the content script.
 */
export { installPageObserver, type ObserverWindow } from './install';
