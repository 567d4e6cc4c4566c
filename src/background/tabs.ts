import type { ContentCommand } from '../messaging/content-protocol';

/** What the background needs from `tabs`, `scripting` and `action`, injected for tests. */
export interface TabsApi {
  /** The tab the popup was opened over, with its URL when activeTab lets us see it. */
  activeTab(): Promise<{ id: number; url?: string } | null>;
  /** Sends a command to the content script in the tab's top frame only. */
  sendToTopFrame(tabId: number, command: ContentCommand): Promise<unknown>;
  /**
   * Injects the helper (detectors and filler) into the tab's top frame. It starts only where
   * the page bridge runs and only once, so loading it again, or into a page without the
   * bridge, does nothing. Rejects without host permission for the tab.
   */
  loadHelper(tabId: number): Promise<void>;
  /** Injects the observer, the bridge and the helper into the tab's top frame (on a click). */
  injectContentScripts(tabId: number): Promise<void>;
  /**
   * A PNG `data:` URL of the visible part of the active tab. Works on the person's click in the
   * popup (activeTab), with no host permission.
   */
  captureVisibleTab(): Promise<string>;
  /** Badges the action for one tab ('' clears it). */
  setBadge(tabId: number, text: string, title?: string): Promise<void>;
}

/**
 * Sends a command to the helper in the tab's top frame, loading it first where only the
 * bridge runs (commands come from the background's own decisions or the user's clicks, never
 * from a page, so this does not let a page pull the helper in).
 */
export async function commandTopFrame(
  tabs: TabsApi,
  tabId: number,
  command: ContentCommand,
): Promise<unknown> {
  await tabs.loadHelper(tabId).catch(() => {});
  return tabs.sendToTopFrame(tabId, command);
}

/**
 * Sends a command on the person's click. A tab without the content scripts (a site without a
 * standing grant) gets them first: the click granted activeTab, so they are injected and the
 * command sent once more. Resolves to the content script's reply.
 */
export async function commandOrInject(
  tabs: TabsApi,
  tabId: number,
  command: ContentCommand,
): Promise<unknown> {
  try {
    return await commandTopFrame(tabs, tabId, command);
  } catch {
    await tabs.injectContentScripts(tabId);
    return tabs.sendToTopFrame(tabId, command);
  }
}
