import { browser } from 'wxt/browser';
import type { TabsApi } from './tabs';

/** Built content scripts (WXT writes each entrypoint to `content-scripts/<name>.js`). */
const ISOLATED_SCRIPT = '/content-scripts/cognito.js';
const OBSERVER_SCRIPT = '/content-scripts/page-observer.js';

/** {@link TabsApi} over the real `tabs`, `scripting` and `action` APIs. */
export function createBrowserTabs(): TabsApi {
  return {
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return null;
      return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
    },
    sendToTopFrame(tabId, command) {
      return browser.tabs.sendMessage(tabId, command, { frameId: 0 });
    },
    async injectContentScripts(tabId) {
      const target = { tabId, frameIds: [0] };
      await browser.scripting.executeScript({ target, files: [OBSERVER_SCRIPT], world: 'MAIN' });
      await browser.scripting.executeScript({ target, files: [ISOLATED_SCRIPT] });
    },
    async setBadge(tabId, text, title) {
      await browser.action.setBadgeText({ tabId, text });
      if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#b45309' });
      await browser.action.setTitle({ tabId, title: title ?? 'Keyfob' });
    },
  };
}
