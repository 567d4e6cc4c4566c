import type { ContentCommand } from '../messaging/content-protocol';

/** What the background needs from `tabs`, `scripting` and `action`, injected for tests. */
export interface TabsApi {
  /** The tab the popup was opened over, with its URL when activeTab lets us see it. */
  activeTab(): Promise<{ id: number; url?: string } | null>;
  /** Sends a command to the content script in the tab's top frame only. */
  sendToTopFrame(tabId: number, command: ContentCommand): Promise<unknown>;
  /** Injects the content scripts into the tab's top frame (on the user's click). */
  injectContentScripts(tabId: number): Promise<void>;
  /** Badges the action for one tab ('' clears it). */
  setBadge(tabId: number, text: string, title?: string): Promise<void>;
}
