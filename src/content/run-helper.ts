import { createContentClient } from '../messaging/content-client';
import { findPageBridge } from './bridge';
import { readContentCommand } from './commands';
import { startCognitoContent, type CognitoContent } from './controller';
import { contentRuntime, toRuntimeListener, type ContentRuntime } from './runtime';

/**
 * Runs the helper in this tab, taking over from the page bridge: starts the controller with
 * what the observer posted so far, and accepts commands only from our own background (no tab
 * in the sender). Does nothing without a bridge (so the helper never runs where the observer
 * and bridge were not put first) or when the helper already runs. The helper stops once the
 * extension is reloaded or removed, which leaves the runtime without an id.
 */
export function runCognitoHelper(
  runtime: ContentRuntime = contentRuntime(),
): CognitoContent | undefined {
  const earlierMessages = findPageBridge()?.handOver();
  if (!earlierMessages) return undefined;
  const talk = createContentClient((envelope) => runtime.sendMessage(envelope));
  const content = startCognitoContent({
    win: window,
    earlierMessages,
    send: (name, data) => {
      if (!runtime.id) {
        // The extension went away under this page: nothing will ever answer again. (Later,
        // since this may run while the controller is still starting.)
        queueMicrotask(stop);
      }
      return talk(name, data);
    },
  });
  const onMessage = toRuntimeListener((message, sender) => {
    if (!runtime.id || sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const command = readContentCommand(message);
    return command ? content.handleCommand(command) : undefined;
  });
  function stop(): void {
    content.stop();
    runtime.onMessage.removeListener(onMessage);
  }
  runtime.onMessage.addListener(onMessage);
  return content;
}
