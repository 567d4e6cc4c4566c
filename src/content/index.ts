/**
 * DOM glue of the content scripts on Cognito pages (isolated world): detect setup and sign-in
 * screens, report them to the background, fill what it answers. The MAIN-world page observer
 * lives in ./observer and is imported from there, so that it never pulls in extension APIs.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createContentClient } from '../messaging/content-client';
import { contentRuntime, toRuntimeListener, type ContentRuntime } from './runtime';
import { readContentCommand } from './commands';
import { startCognitoContent, type CognitoContent } from './controller';

export { startCognitoContent, type CognitoContent, type CognitoContentOptions } from './controller';
export { readContentCommand } from './commands';
export {
  COGNITO_HOSTED_MATCHES,
  E2E_EXTRA_MATCHES,
  contentScriptMatches,
  isE2eBuild,
} from './matches';

/**
 * Runs the Cognito content script in this tab: starts the controller with a client for the
 * background, accepts commands only from our own background (no tab in the sender), and stops
 * everything when WXT invalidates the context (extension reloaded or updated).
 */
export function runCognitoContentScript(
  ctx: ContentScriptContext,
  runtime: ContentRuntime = contentRuntime(),
): CognitoContent {
  const content = startCognitoContent({
    win: window,
    send: createContentClient((envelope) => runtime.sendMessage(envelope)),
  });
  const onMessage = toRuntimeListener((message, sender) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const command = readContentCommand(message);
    return command ? content.handleCommand(command) : undefined;
  });
  runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    content.stop();
    runtime.onMessage.removeListener(onMessage);
  });
  return content;
}
