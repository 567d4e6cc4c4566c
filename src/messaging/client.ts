import { browser } from 'wxt/browser';
import { KeyfobError } from '../shared';
import type { Envelope, MessageData, MessageName, MessageValue, Reply } from './protocol';

/** Sends one request to the background and unwraps its reply. Failed replies throw a KeyfobError. */
export type SendMessage = <N extends MessageName>(
  name: N,
  data: MessageData<N>,
) => Promise<MessageValue<N>>;

/**
 * The client extension pages use to talk to the background. Takes the transport so that
 * component tests can answer requests without a browser.
 */
export function createMessageClient(
  transport: (envelope: Envelope) => Promise<unknown> = (envelope) =>
    browser.runtime.sendMessage(envelope),
): SendMessage {
  return async (name, data) => {
    const reply = (await transport({ keyfob: 1, name, data })) as Reply<never> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      throw new KeyfobError('no-reply', 'Keyfob’s background did not answer. Please try again.');
    }
    if (!reply.ok) throw new KeyfobError(reply.error.code, reply.error.message);
    return reply.value;
  };
}
