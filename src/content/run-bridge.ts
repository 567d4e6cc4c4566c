import { createContentClient } from '../messaging/content-client';
import { startPageBridge, type PageBridge } from './bridge';
import { contentRuntime, type ContentRuntime } from './runtime';

/** Runs the page bridge in this tab; it asks the background for the helper when needed. */
export function runPageBridge(runtime: ContentRuntime = contentRuntime()): PageBridge | undefined {
  const send = createContentClient((envelope) => runtime.sendMessage(envelope));
  return startPageBridge({
    win: window,
    requestHelper: async () => (await send('loadPageHelper', {})).loaded,
    warmUp: () => send('warmUp', {}),
  });
}
