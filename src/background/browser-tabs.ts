import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_FILES } from '../shared/content-script-files';
import type { TabsApi } from './tabs';

const inExtension = <F extends string>(file: F) => `/${file}` as const;

/** {@link TabsApi} over the real `tabs`, `scripting` and `action` APIs. */
export function createBrowserTabs(): TabsApi {
  const loadHelper = async (tabId: number) => {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      files: [inExtension(CONTENT_SCRIPT_FILES.helper)],
      // The bridge asks from document_end; without this the browser would hold the helper
      // back until document_idle, and the fill with it.
      injectImmediately: true,
    });
  };
  return {
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return null;
      return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
    },
    sendToTopFrame(tabId, command) {
      return browser.tabs.sendMessage(tabId, command, { frameId: 0 });
    },
    loadHelper,
    async injectContentScripts(tabId) {
      const target = { tabId, frameIds: [0] };
      const { observer, bridge } = CONTENT_SCRIPT_FILES;
      await browser.scripting.executeScript({
        target,
        files: [inExtension(observer)],
        world: 'MAIN',
      });
      await browser.scripting.executeScript({ target, files: [inExtension(bridge)] });
      await loadHelper(tabId);
    },
    captureVisibleTab() {
      // PNG: JPEG's blur around sharp edges costs small QR codes their readability.
      return browser.tabs.captureVisibleTab({ format: 'png' });
    },
    async setBadge(tabId, text, title) {
      await browser.action.setBadgeText({ tabId, text });
      if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#b45309' });
      await browser.action.setTitle({ tabId, title: title ?? 'Keyfob' });
    },
  };
}
