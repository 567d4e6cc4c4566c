import type { Disguise } from './disguise';
import { createExchange, type Exchange, type ObserverState } from './exchange';

/** The parts of the page's window the XHR hook touches. */
export interface XhrWindow {
  XMLHttpRequest?: typeof XMLHttpRequest;
}

/** The response body as text or bytes, whatever `responseType` the page chose. */
function responseBody(xhr: XMLHttpRequest): unknown {
  switch (xhr.responseType) {
    case '':
    case 'text':
      return xhr.responseText;
    case 'json':
      return xhr.response == null ? undefined : JSON.stringify(xhr.response);
    case 'arraybuffer':
      return xhr.response;
    case 'blob':
    case 'document':
      return undefined;
  }
}

function finish(xhr: XMLHttpRequest, exchange: Exchange): void {
  try {
    const headers = { get: (name: string) => xhr.getResponseHeader(name) };
    exchange.response(xhr.status, headers, responseBody(xhr));
  } catch {
    // An aborted or odd request: nothing to report.
  }
}

/**
 * Wraps `open`, `setRequestHeader` and `send` of the page's XMLHttpRequest, disguised (the legacy AWS SDK
 * v2 path). Headers are recorded per request after the page's own call succeeds; at `send`, a
 * watched Cognito call is read (and may get a FriendlyDeviceName), every other call is sent
 * with the very same arguments. Returns a function that puts the originals back.
 */
export function hookXhr(
  win: XhrWindow,
  state: ObserverState,
  disguise: Pick<Disguise, 'wrap'>,
): () => void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return () => {};
  const { open, setRequestHeader, send } = proto;
  const sent = new WeakMap<XMLHttpRequest, [string, string][]>();

  const wrappedOpen = function open_(this: XMLHttpRequest) {
    // eslint-disable-next-line prefer-rest-params
    const result: unknown = Reflect.apply(open, this, arguments);
    sent.set(this, []);
    return result;
  };
  const wrappedSetRequestHeader = function setRequestHeader_(
    this: XMLHttpRequest,
    name: string,
    value: string,
  ) {
    // eslint-disable-next-line prefer-rest-params
    const result: unknown = Reflect.apply(setRequestHeader, this, arguments);
    sent.get(this)?.push([String(name), String(value)]);
    return result;
  };
  const wrappedSend = function send_(this: XMLHttpRequest, body?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments;
    let exchange: Exchange | null = null;
    let replacement: string | undefined;
    try {
      const headers = sent.get(this);
      exchange = headers ? createExchange(state, headers) : null;
      if (exchange) replacement = exchange.request(body);
    } catch {
      exchange = null;
      replacement = undefined;
    }
    if (exchange?.wantsResponse) {
      const current = exchange;
      this.addEventListener('load', () => finish(this, current), { once: true });
    }
    const result: unknown =
      replacement === undefined
        ? Reflect.apply(send, this, args)
        : Reflect.apply(send, this, [replacement]);
    return result;
  };

  const standIns = {
    open: disguise.wrap(open, (self, args) => Reflect.apply(wrappedOpen, self, args)),
    setRequestHeader: disguise.wrap(setRequestHeader, (self, args) =>
      Reflect.apply(wrappedSetRequestHeader, self, args),
    ),
    send: disguise.wrap(send, (self, args) => Reflect.apply(wrappedSend, self, args)),
  };
  proto.open = standIns.open;
  proto.setRequestHeader = standIns.setRequestHeader;
  proto.send = standIns.send;
  return () => {
    if (proto.open === standIns.open) proto.open = open;
    if (proto.setRequestHeader === standIns.setRequestHeader)
      proto.setRequestHeader = setRequestHeader;
    if (proto.send === standIns.send) proto.send = send;
  };
}
