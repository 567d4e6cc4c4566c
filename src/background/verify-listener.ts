import { browser } from 'wxt/browser';
import {
  createVerifyWatch,
  type RequestEvent,
  type VerifyWatchEvents,
  type VerifyWatchOptions,
} from '../cognito/protocol';

/** Longest request body read, in bytes: a VerifySoftwareToken body is well under this. */
const MAX_BODY_BYTES = 16 * 1024;

/** A `webRequest` details object: the watch's request event, as each browser spells it. */
type Details = RequestEvent & {
  /** Firefox names the sending document's URL here instead of `initiator`. */
  originUrl?: string;
  requestBody?: {
    formData?: Record<string, unknown[]>;
    raw?: { bytes?: ArrayBuffer }[];
  } | null;
};

function bodyText(details: Details): string | undefined {
  const bytes = details.requestBody?.raw?.[0]?.bytes;
  if (!bytes || bytes.byteLength > MAX_BODY_BYTES) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function formData(details: Details): Record<string, string[]> | undefined {
  const form = details.requestBody?.formData;
  if (!form) return undefined;
  return Object.fromEntries(
    Object.entries(form).map(([key, values]) => [
      key,
      values.filter((v): v is string => typeof v === 'string'),
    ]),
  );
}

function toEvent(details: Details): RequestEvent {
  const event: RequestEvent = {
    requestId: details.requestId,
    tabId: details.tabId,
    frameId: details.frameId,
    type: details.type,
    url: details.url,
  };
  if (details.method !== undefined) event.method = details.method;
  const initiator = details.initiator ?? details.originUrl;
  if (initiator !== undefined) event.initiator = initiator;
  return event;
}

/**
 * Listens, without blocking anything, to the browser's own record of requests from tabs to
 * Cognito: the body a tab sent (VerifySoftwareToken's UserCode, or a hosted setup form's
 * fields), the operation its headers named, and the status the server answered with. A page
 * can say anything in its own messages, but these events come from the browser's network
 * stack: the page can't make it report an answer the server did not give. Registered
 * synchronously at start-up, so that a woken service worker gets the events.
 *
 * Nothing waits for these listeners: the page the answer renders may report its setup screen
 * before the answer's event arrives. The codes a request carried are reported as it leaves
 * (`events.submitted`): the browser dispatches that event before the request goes out, so
 * enrollment knows to wait for the answer.
 */
export function listenForVerifyEvidence(
  options: VerifyWatchOptions & { urls: string[] },
  events: VerifyWatchEvents,
): void {
  const webRequest = browser.webRequest;
  if (!webRequest) return;
  const watch = createVerifyWatch(options, events);
  const filter = { urls: options.urls, types: ['main_frame', 'xmlhttprequest'] } as Parameters<
    typeof webRequest.onBeforeRequest.addListener
  >[1];
  webRequest.onBeforeRequest.addListener(
    (details) => {
      const raw = details as unknown as Details;
      const form = formData(raw);
      const text = bodyText(raw);
      watch.request(toEvent(raw), {
        ...(form ? { formData: form } : {}),
        ...(text !== undefined ? { text } : {}),
      });
      return undefined;
    },
    filter,
    ['requestBody'],
  );
  webRequest.onSendHeaders.addListener(
    (details) => watch.headers(details.requestId, details.requestHeaders ?? []),
    filter,
    ['requestHeaders'],
  );
  webRequest.onHeadersReceived.addListener(
    (details) => {
      const errorType = details.responseHeaders?.find(
        (header) => header.name.toLowerCase() === 'x-amzn-errortype',
      )?.value;
      watch.answered(details.requestId, details.statusCode, errorType);
      return undefined;
    },
    filter,
    ['responseHeaders'],
  );
  webRequest.onErrorOccurred.addListener((details) => watch.failed(details.requestId), filter);
}
