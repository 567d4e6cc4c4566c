import { browser } from 'wxt/browser';
import type { ClearClipboardMessage } from './browser-clipboard';

const isClearMessage = (message: unknown): message is ClearClipboardMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as ClearClipboardMessage).keyfobOffscreen === 'clear-clipboard-if' &&
  typeof (message as ClearClipboardMessage).text === 'string';

/** What the clipboard holds as text, read through a paste into the page's text area. */
function readClipboard(doc: Document): string {
  const area = doc.getElementById('clipboard') as HTMLTextAreaElement;
  area.value = '';
  area.focus();
  doc.execCommand('paste');
  const text = area.value;
  area.value = '';
  return text;
}

/** Replaces the clipboard's content with nothing. */
function emptyClipboard(doc: Document): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy, { once: true });
  doc.execCommand('copy');
}

/**
 * The offscreen page's one job (Chromium): empty the clipboard if it still holds the expired
 * code the background names. It acts only on our own extension's messages from outside any
 * tab: content scripts' messages reach extension pages too, but always with a tab.
 */
export function listenForClipboardChores(doc: Document): void {
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isClearMessage(message) || sender.id !== browser.runtime.id || sender.tab) return;
    if (readClipboard(doc) === message.text) emptyClipboard(doc);
    return Promise.resolve({ done: true });
  });
}
