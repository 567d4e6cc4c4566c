import type { Envelope, ProtocolMap } from './protocol';
import type { SendOf } from './protocol-types';
import { unwrapReply } from './unwrap-reply';

/** Sends one request to the background and unwraps its reply. Failed replies throw a KeyfobError. */
export type SendMessage = SendOf<ProtocolMap>;

/**
 * The client extension pages use to talk to the background. Takes the transport: the pages
 * pass the browser's own `runtime.sendMessage` (src/ui/page-browser.ts), component tests one
 * that answers without a browser.
 */
export function createMessageClient(
  transport: (envelope: Envelope) => Promise<unknown>,
): SendMessage {
  return async (name, data) => unwrapReply(await transport({ keyfob: 1, name, data }));
}
