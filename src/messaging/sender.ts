import type { Origin } from '../shared';

/** The parts of `runtime.MessageSender` the sender check reads. */
export interface SenderInfo {
  id?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

/** Who sent a message, as established from what the browser reports (never from the payload). */
export type SenderContext =
  | { kind: 'extension-page' }
  | { kind: 'content-script'; tabId: number; frameId: number; origin: Origin };

/** Sender kinds a verb accepts. */
export type SenderKind = SenderContext['kind'];

/**
 * Classifies a sender, or returns null when it is not one of ours (docs/architecture.md §3 rule 5).
 *
 * Extension pages are recognised by their URL being under our own extension origin: the popup
 * may also be opened as a tab, so the presence of `sender.tab` says nothing on its own.
 * Content scripts must come from a tab, and their origin is what the browser says it is:
 * `sender.origin` where the browser fills it (Chromium), else the origin of `sender.url`.
 */
export function classifySender(
  sender: SenderInfo,
  ours: { id: string; origin: string },
): SenderContext | null {
  if (sender.id !== ours.id || typeof sender.url !== 'string') return null;
  const urlOrigin = originOf(sender.url);
  if (urlOrigin === null) return null;
  if (urlOrigin === ours.origin) {
    if (sender.origin !== undefined && sender.origin !== ours.origin) return null;
    return { kind: 'extension-page' };
  }
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  const origin = sender.origin ?? urlOrigin;
  if (origin === 'null' || origin !== urlOrigin) return null;
  return { kind: 'content-script', tabId, frameId: sender.frameId ?? 0, origin: origin as Origin };
}

/** The origin of a URL (`scheme://host[:port]`), or null when it has none. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Extension URLs have an opaque origin ("null") in some engines: rebuild it from the parts.
    if (parsed.protocol === 'chrome-extension:' || parsed.protocol === 'moz-extension:') {
      return `${parsed.protocol}//${parsed.host}`;
    }
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}
