/**
 * What the browser itself saw of a setup's VerifySoftwareToken: the request a tab sent and the
 * status the server answered with, as the browser's request events report them
 * (`webRequest`). A page can lie in its own messages, but it cannot make the browser report a
 * response the server did not send, nor a request it did not make. Pure: the events come in
 * as plain data, the adapter that listens to the browser lives in src/background.
 */
import { parseJsonObject } from './json-body';
import { MAX_BODY_CHARS, TARGET_PREFIX, USER_CODE_LENGTH } from './constants';

/**
 * Cognito's user-pool API endpoints: `cognito-idp.<region>.amazonaws.com`, its FIPS twin, and
 * the China partition's `.amazonaws.com.cn`. Only their answers count: a custom endpoint may be
 * any server, the page's own included.
 */
const COGNITO_API_HOST =
  /^cognito-idp(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d\.amazonaws\.com(?:\.cn)?$/;

/**
 * Cognito's own hosted sign-in domains (`<prefix>.auth.<region>.amazoncognito.com`, and
 * `auth-fips`): pages Cognito's servers render, whose setup form goes back to those servers.
 */
const COGNITO_HOSTED_HOST =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.auth(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d\.amazoncognito\.com$/;

/** One request event, as much as the watch needs of a `webRequest` details object. */
export interface RequestEvent {
  requestId: string;
  tabId: number;
  frameId: number;
  /** `main_frame` (a page or form submission) or `xmlhttprequest` (fetch and XHR). */
  type: string;
  url: string;
  method?: string;
  /** Origin of the document that made the request (Chromium `initiator`, Firefox `originUrl`). */
  initiator?: string;
}

/** What a request carried: a JSON body as text, or the fields of a submitted form. */
export interface RequestBody {
  text?: string;
  formData?: Record<string, string[]>;
}

/**
 * Codes a tab sent to Cognito, as the browser saw the request leave: a VerifySoftwareToken
 * call, or a hosted setup form. Until the answer comes, they are neither accepted nor refused.
 */
export interface VerifySubmission {
  /** The browser's id of the request; its answer or failure carries the same one. */
  requestId: string;
  tabId: number;
  /** Exact origin of the page that sent the code. */
  origin: string;
  /** The codes the request carried (one UserCode, or the 6-digit fields of a form). */
  codes: string[];
  /** Which kind of request it was. */
  via: 'api' | 'hosted-form';
}

/** What the watch concludes about one finished request. */
export interface VerifyEvidence extends VerifySubmission {
  /** The server accepted the code (HTTP 200 from Cognito's API, a redirect from its hosted UI). */
  accepted: boolean;
}

/** Where {@link createVerifyWatch} reports what it saw. */
export interface VerifyWatchEvents {
  /**
   * A request with codes left for Cognito: a hosted setup form as it is sent, an API call once
   * its headers name VerifySoftwareToken. Always before its answer can reach the page.
   */
  submitted(submission: VerifySubmission): void;
  /** Cognito's answer to a submitted request said whether it took the code. */
  evidence(evidence: VerifyEvidence): void;
  /**
   * A submitted request ended without a word about its codes: it failed on the network, the
   * answer was about something else (an expired session, a server error), or the watch let
   * go of it among too many.
   */
  released(submission: VerifySubmission): void;
}

/** Options of {@link createVerifyWatch}. */
export interface VerifyWatchOptions {
  /**
   * The end-to-end build's test rig: loopback endpoints count as Cognito's API and loopback
   * pages as its hosted UI. Never set in a release build.
   */
  loopback: boolean;
}

/** Requests in flight the watch remembers; a page cannot grow its memory beyond this. */
export const MAX_WATCHED_REQUESTS = 32;
/**
 * Of those, one tab's (a setup sends one at a time): a tab that sends more lets go of its own
 * oldest, so that any page's flood of UserCode bodies cannot make the watch forget another
 * tab's request, lose its answer and release its code before the site has answered.
 */
export const MAX_WATCHED_PER_TAB = 4;

const CODE = /^\d{6,8}$/;
/** Cognito's names for a wrong code (docs/architecture.md §4). */
const CODE_REFUSALS = new Set(['CodeMismatchException', 'EnableSoftwareTokenMFAException']);
const VERIFY_TARGET = `${TARGET_PREFIX}VerifySoftwareToken`;

function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

/** True for Cognito's user-pool API (or, in the e2e build, a loopback endpoint). */
export function isCognitoApiUrl(url: string, options: VerifyWatchOptions): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (options.loopback && isLoopback(parsed)) return true;
  return parsed.protocol === 'https:' && COGNITO_API_HOST.test(parsed.hostname) && !parsed.port;
}

/** True for a page of Cognito's hosted UI (or, in the e2e build, a loopback page). */
export function isCognitoHostedUrl(url: string, options: VerifyWatchOptions): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (options.loopback && isLoopback(parsed)) return true;
  return parsed.protocol === 'https:' && COGNITO_HOSTED_HOST.test(parsed.hostname) && !parsed.port;
}

/** The UserCode of a VerifySoftwareToken body, or null when the body is anything else. */
export function readUserCode(text: string | undefined): string | null {
  if (text === undefined || text.length > MAX_BODY_CHARS) return null;
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return null;
  const code = parsed.value.UserCode;
  return typeof code === 'string' && code.length === USER_CODE_LENGTH && CODE.test(code)
    ? code
    : null;
}

function originOf(url: string | undefined): string | null {
  const parsed = parseUrl(url);
  return parsed && parsed.origin !== 'null' ? parsed.origin : null;
}

interface Watched {
  event: RequestEvent;
  origin: string;
  via: VerifyEvidence['via'];
  codes: string[];
  /** X-Amz-Target named VerifySoftwareToken (API calls only). */
  target: boolean;
  /** Reported as submitted: its end is reported too, as evidence or a release. */
  submitted: boolean;
}

function submissionOf(entry: Watched): VerifySubmission {
  return {
    requestId: entry.event.requestId,
    tabId: entry.event.tabId,
    origin: entry.origin,
    codes: entry.codes,
    via: entry.via,
  };
}

/**
 * Correlates the browser's events for one request (body, headers, status) and reports them to
 * `events`: the codes it carried as they leave, then {@link VerifyEvidence} or their release.
 * Two kinds of request count, both from a tab's top frame:
 *
 * - a POST to Cognito's API with `X-Amz-Target: …VerifySoftwareToken` whose JSON body holds a
 *   UserCode; accepted when the API answers 200 (an error answer is 400 or 500);
 * - a form POST of a Cognito-hosted page to its own origin carrying 6-digit values; accepted
 *   when the hosted UI answers with a redirect (a refused code renders the setup page again).
 *
 * The origin is the sending document's, as the browser reports it.
 */
export function createVerifyWatch(options: VerifyWatchOptions, events: VerifyWatchEvents) {
  const watched = new Map<string, Watched>();

  function remember(entry: Watched): void {
    watched.set(entry.event.requestId, entry);
    const own = [...watched.values()].filter((e) => e.event.tabId === entry.event.tabId);
    if (own.length > MAX_WATCHED_PER_TAB) return end(own[0]!.event.requestId);
    if (watched.size > MAX_WATCHED_REQUESTS) {
      const oldest = oldestOfBusiestTab();
      if (oldest !== undefined) end(oldest);
    }
  }

  /** The oldest request of the tab with the most in flight (the oldest tab's among equals). */
  function oldestOfBusiestTab(): string | undefined {
    const perTab = new Map<number, Watched[]>();
    for (const e of watched.values()) {
      perTab.set(e.event.tabId, [...(perTab.get(e.event.tabId) ?? []), e]);
    }
    let busiest: Watched[] = [];
    for (const entries of perTab.values()) if (entries.length > busiest.length) busiest = entries;
    return busiest[0]?.event.requestId;
  }

  function submit(entry: Watched): void {
    entry.submitted = true;
    events.submitted(submissionOf(entry));
  }

  /** Forgets a request; one whose codes were reported as submitted is released. */
  function end(requestId: string): void {
    const entry = watched.get(requestId);
    watched.delete(requestId);
    if (entry?.submitted) events.released(submissionOf(entry));
  }

  function conclude(
    entry: Watched,
    statusCode: number,
    errorType: string | undefined,
  ): VerifyEvidence | null {
    if (entry.via === 'api' && !entry.target) return null;
    const accepted =
      entry.via === 'api' ? statusCode === 200 : statusCode >= 300 && statusCode < 400;
    // Only "code did not match" refuses the code itself; an expired session says nothing of it.
    const name = errorType?.split(':', 1)[0]?.trim() ?? '';
    if (entry.via === 'api' && !accepted && !CODE_REFUSALS.has(name)) return null;
    return { ...submissionOf(entry), accepted };
  }

  return {
    /** A request is about to be sent, with its body (`onBeforeRequest`). */
    request(event: RequestEvent, body: RequestBody | undefined): void {
      if (event.tabId < 0 || event.frameId !== 0 || event.method?.toUpperCase() !== 'POST') return;
      const origin = originOf(event.initiator);
      if (!origin) return;
      if (event.type === 'xmlhttprequest' && isCognitoApiUrl(event.url, options)) {
        const code = readUserCode(body?.text);
        if (code) {
          remember({ event, origin, via: 'api', codes: [code], target: false, submitted: false });
        }
        return;
      }
      if (
        event.type === 'main_frame' &&
        originOf(event.url) === origin &&
        isCognitoHostedUrl(event.url, options)
      ) {
        const codes = Object.values(body?.formData ?? {})
          .flat()
          .map((value) => String(value).trim())
          .filter((value) => CODE.test(value));
        if (codes.length > 0 && codes.length <= 4) {
          const entry: Watched = {
            event,
            origin,
            via: 'hosted-form',
            codes,
            target: false,
            submitted: false,
          };
          remember(entry);
          submit(entry);
        }
      }
    },

    /** The request's headers as sent (`onSendHeaders`): the API operation it names. */
    headers(requestId: string, headers: { name: string; value?: string | undefined }[]): void {
      const entry = watched.get(requestId);
      if (!entry || entry.via !== 'api') return;
      entry.target = headers.some(
        (h) => h.name.toLowerCase() === 'x-amz-target' && h.value?.trim() === VERIFY_TARGET,
      );
      if (entry.target && !entry.submitted) submit(entry);
    },

    /**
     * The server's status line arrived (`onHeadersReceived`), with Cognito's
     * `x-amzn-ErrorType` header if any: evidence, or the codes' release.
     */
    answered(requestId: string, statusCode: number, errorType?: string): void {
      const entry = watched.get(requestId);
      if (!entry) return;
      const evidence = conclude(entry, statusCode, errorType);
      if (!evidence) return end(requestId);
      watched.delete(requestId);
      events.evidence(evidence);
    },

    /** The request failed without an answer (`onErrorOccurred`): it proves nothing. */
    failed(requestId: string): void {
      end(requestId);
    },
  };
}

/** The watch's interface. */
export type VerifyWatch = ReturnType<typeof createVerifyWatch>;
