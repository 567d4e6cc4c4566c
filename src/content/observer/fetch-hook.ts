import type { Disguise } from './disguise';
import { createExchange, type Exchange, type ObserverState } from './exchange';

/** The parts of the page's window the fetch hook touches. */
export interface FetchWindow {
  fetch: typeof fetch;
}

const ignore = () => {};

/** A Request object (of any realm): it carries its own headers and body. */
function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Request).clone === 'function' &&
    typeof (value as Request).url === 'string' &&
    typeof (value as Request).headers === 'object'
  );
}

/** `init` with another body, every other member (own or inherited, getters too) as it was. */
function replaceBody(init: RequestInit | undefined, body: string): RequestInit {
  const copy: RequestInit = Object.create(init ?? null);
  Object.defineProperty(copy, 'body', { value: body, enumerable: true });
  return copy;
}

/**
 * Reads the response of a watched call from a clone, so the page's own body stays unread.
 * The handler is attached before the page gets the promise, so it runs first and clones
 * before the page can consume the body. `before` lets a request body read in parallel finish first.
 */
function watchResponse(sent: Promise<Response>, exchange: Exchange, before?: Promise<unknown>) {
  if (!exchange.wantsResponse) return;
  sent.then((response) => {
    let copy: Response;
    try {
      copy = response.clone();
    } catch {
      return;
    }
    void Promise.all([before, copy.text()]).then(
      ([, text]) => exchange.response(response.status, response.headers, text),
      ignore,
    );
  }, ignore);
}

/**
 * Wraps `win.fetch` (in a disguise the page can't tell from its own fetch) so that the watched Cognito calls are read (and VerifySoftwareToken gets a
 * FriendlyDeviceName when it has none). Every other call goes to the page's fetch with the
 * same `this` and the very same arguments, and its promise is returned as is. Returns a
 * function that puts the original back.
 */
export function hookFetch(
  win: FetchWindow,
  state: ObserverState,
  disguise: Pick<Disguise, 'wrap'>,
): () => void {
  const original = win.fetch;
  if (typeof original !== 'function') return ignore;

  const wrapped = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments;
    let exchange: Exchange | null = null;
    try {
      const headers =
        init != null && init.headers !== undefined
          ? init.headers
          : isRequest(input)
            ? input.headers
            : undefined;
      exchange = createExchange(state, headers);
    } catch {
      exchange = null;
    }
    if (!exchange) return Reflect.apply(original, this, args) as Promise<Response>;
    // Arrow functions keep the page's `this` for the calls made later.
    const send = (...replaced: unknown[]): Promise<Response> =>
      Reflect.apply(original, this, replaced.length ? replaced : args) as Promise<Response>;

    const initBody = init != null ? init.body : undefined;
    if (initBody != null || !isRequest(input)) {
      let replacement: string | undefined;
      try {
        replacement = exchange.request(initBody);
      } catch {
        replacement = undefined;
      }
      const sent = replacement === undefined ? send() : send(input, replaceBody(init, replacement));
      watchResponse(sent, exchange);
      return sent;
    }

    // The body is inside a Request: read it from a copy taken before fetch consumes it.
    let text: Promise<string>;
    try {
      text = input.clone().text();
    } catch {
      return send();
    }
    const current = exchange;
    if (!current.mayRewrite) {
      const sent = send();
      const read = text.then((body) => void current.request(body), ignore);
      watchResponse(sent, current, read);
      return sent;
    }
    // VerifySoftwareToken with a device name to add: the body must be known before it is sent.
    return text.then(
      (body) => {
        let replacement: string | undefined;
        try {
          replacement = current.request(body);
        } catch {
          replacement = undefined;
        }
        // fetch(request, { body }) sends the request with that body instead of its own.
        const sent =
          replacement === undefined ? send() : send(input, replaceBody(init, replacement));
        watchResponse(sent, current);
        return sent;
      },
      () => send(),
    );
  };

  const standIn = disguise.wrap(original, (self, args) => Reflect.apply(wrapped, self, args));
  win.fetch = standIn;
  return () => {
    if (win.fetch === standIn) win.fetch = original;
  };
}
