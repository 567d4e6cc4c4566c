import type { ContentEnvelope, ContentProtocolMap } from './content-protocol';
import type { SendOf } from './protocol-types';
import { unwrapReply } from './unwrap-reply';

/** Sends one content-script request to the background and unwraps its reply. */
export type SendContentMessage = SendOf<ContentProtocolMap>;

/**
 * The client a content script uses to talk to the background (protocol: ContentProtocolMap).
 * Takes the transport (the content script's runtime, see src/content/runtime.ts) so that
 * tests can answer without a browser. Failed replies throw a
 * KeyfobError with the background's code and message.
 */
export function createContentClient(
  transport: (envelope: ContentEnvelope) => Promise<unknown>,
): SendContentMessage {
  return async (name, data) =>
    unwrapReply(await transport({ keyfob: 1, name, data } as ContentEnvelope));
}
