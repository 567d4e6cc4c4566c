import { browser } from 'wxt/browser';
import { isCognitoApiUrl, isCognitoHostedUrl, type VerifyWatchOptions } from '../cognito/protocol';
import type { ServerTimeReading } from '../otp';

/** What {@link listenForServerTime} reports. */
export interface ServerTimeEvents {
  /** A tab sent a request whose answer may carry Cognito's clock. */
  left(tabId: number, requestId: string): void;
  /** The request's answer arrived, with its reading (null: not Cognito's, or no `Date`). */
  answered(requestId: string, reading: ServerTimeReading | null): void;
  /** The request failed: no answer will come. */
  failed(requestId: string): void;
}

/**
 * Listens, without blocking anything, for the `Date` header of Cognito's answers as the
 * browser's network stack received them (docs/architecture.md §3 rule 14). A page can forge
 * its own messages, but not what the browser reports of a response from Cognito's hosts; the
 * page observer's reports never move the clock. Which requests left and are not yet answered
 * is reported too: a setup screen's report can come before its answer's event (see
 * AnswersInFlight). Registered synchronously at start-up.
 */
export function listenForServerTime(
  options: VerifyWatchOptions & { urls: string[] },
  events: ServerTimeEvents,
): void {
  const webRequest = browser.webRequest;
  if (!webRequest) return;
  const filter = { urls: options.urls, types: ['main_frame', 'xmlhttprequest'] } as Parameters<
    typeof webRequest.onHeadersReceived.addListener
  >[1];
  webRequest.onBeforeRequest.addListener((details) => {
    if (mayTellServerTime(details.url, options)) events.left(details.tabId, details.requestId);
    return undefined;
  }, filter);
  webRequest.onHeadersReceived.addListener(
    (details) => {
      // The arrival time as the browser stamped it, before any wait for this worker to wake.
      const arrivedAtMs = typeof details.timeStamp === 'number' ? details.timeStamp : Date.now();
      const reading = serverTimeOf(details.url, details.responseHeaders, arrivedAtMs, options);
      events.answered(details.requestId, reading);
      return undefined;
    },
    filter,
    ['responseHeaders'],
  );
  webRequest.onErrorOccurred.addListener((details) => events.failed(details.requestId), filter);
}

/** Whether an answer from `url` may carry Cognito's clock (see serverTimeOf). */
function mayTellServerTime(url: string, options: VerifyWatchOptions): boolean {
  return isCognitoApiUrl(url, options) || isCognitoHostedUrl(url, { loopback: false });
}

type Header = { name: string; value?: string | undefined };

function headerValue(headers: Header[] | undefined, name: string): string | undefined {
  return headers?.find((header) => header.name.toLowerCase() === name)?.value;
}

/**
 * The reading of one answer, or null unless Cognito sent it: its API (which names every answer
 * with `x-amzn-RequestId`; in the e2e build the loopback rig, whose neighbours on loopback, the
 * test pages, name none) or a page of its own hosted sign-in domain.
 */
export function serverTimeOf(
  url: string,
  headers: Header[] | undefined,
  arrivedAtMs: number,
  options: VerifyWatchOptions,
): ServerTimeReading | null {
  const api = isCognitoApiUrl(url, options) && headerValue(headers, 'x-amzn-requestid');
  if (!api && !isCognitoHostedUrl(url, { loopback: false })) return null;
  const date = headerValue(headers, 'date');
  if (date === undefined) return null;
  return { date, arrivedAtMs, host: new URL(url).host };
}
