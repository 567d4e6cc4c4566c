import { KeyfobError, toErrorInfo } from '../shared';
import type { Reply } from './protocol';
import type { ProtocolShape, VerbData, VerbValue } from './protocol-types';
import { classifySender, type SenderContext, type SenderInfo, type SenderKind } from './sender';

/** A handler for each verb of a protocol map; it receives the data and who sent it. */
export type Handlers<Map extends ProtocolShape<Map>> = {
  [N in keyof Map]: (data: VerbData<Map, N>, sender: SenderContext) => Promise<VerbValue<Map, N>>;
};

/** Which sender kinds each verb accepts. Every verb must be listed: nothing is open by default. */
export type SenderPolicy<Map> = { [N in keyof Map]: readonly SenderKind[] };

/** Options of {@link createMessageServer}. */
export interface MessageServerOptions<Map extends ProtocolShape<Map>> {
  handlers: Handlers<Map>;
  policy: SenderPolicy<Map>;
  /** Our extension id and origin, as the browser reports them. */
  ours: { id: string; origin: string };
  /** Runs before each accepted request (auto-lock deadline check, for example). */
  beforeEach?: (name: keyof Map, data: unknown, sender: SenderContext) => Promise<void>;
}

/**
 * Dispatches envelopes `{ keyfob: 1, name, data }` to handlers after checking the sender,
 * and turns every outcome into a {@link Reply}. Errors are reduced to code and message so
 * nothing else (stack, cause) ever reaches another context.
 */
export function createMessageServer<Map extends ProtocolShape<Map>>(
  options: MessageServerOptions<Map>,
) {
  const { handlers, policy, ours, beforeEach } = options;
  const handlerFor = (name: string) =>
    Object.hasOwn(handlers as object, name)
      ? ((handlers as Record<string, (data: unknown, s: SenderContext) => Promise<unknown>>)[
          name
        ] ?? null)
      : null;

  return {
    /** Handles one incoming message; returns the reply to send back. */
    async handle(message: unknown, senderInfo: SenderInfo): Promise<Reply<unknown>> {
      try {
        const envelope = readEnvelope(message);
        const sender = classifySender(senderInfo, ours);
        const allowed = (policy as Record<string, readonly SenderKind[]>)[envelope.name];
        const handler = handlerFor(envelope.name);
        if (!handler || !allowed) {
          throw new KeyfobError('unknown-message', 'Keyfob does not know that request.');
        }
        if (!sender || !allowed.includes(sender.kind)) {
          throw new KeyfobError('sender-refused', 'That request is not allowed from here.');
        }
        await beforeEach?.(envelope.name as keyof Map, envelope.data, sender);
        return { ok: true, value: await handler(envelope.data, sender) };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    },
  };
}

function readEnvelope(message: unknown): { name: string; data: unknown } {
  if (
    typeof message !== 'object' ||
    message === null ||
    (message as { keyfob?: unknown }).keyfob !== 1 ||
    typeof (message as { name?: unknown }).name !== 'string'
  ) {
    throw new KeyfobError('bad-message', 'Keyfob received a malformed request.');
  }
  const { name, data } = message as { name: string; data?: unknown };
  return { name, data: typeof data === 'object' && data !== null ? data : {} };
}
