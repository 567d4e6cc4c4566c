import type { VerifyOutcome } from '../cognito/protocol';
import { detectSetupScreen, detectSignInCodeScreen, type SetupScreen } from '../cognito/screens';
import type { SendContentMessage } from '../messaging/content-client';
import type {
  ContentCommand,
  ContentCommandReply,
  OutcomeReply,
  SetupReply,
  SetupReport,
} from '../messaging/content-protocol';
import { isDeviceName, isEnrollmentId, isOtpCode } from './commands';
import { codeValue, fillCode, fillIfEmpty, isCodeEmpty, submitCode } from './fill';
import { clearFillMark, markFill, readFillMark } from './fill-mark';
import {
  readObserverMessage,
  type ContentConfig,
  type ObserverAssociate,
  type ObserverVerify,
} from './page-messages';
import { buildSetupReport, pageHints, setupKey } from './setup-report';

/** Options of {@link startCognitoContent}. */
export interface CognitoContentOptions {
  /** The page's window as the content script sees it. */
  win: Window;
  /** Requests to the background. */
  send: SendContentMessage;
  now?: () => number;
  /** Quiet time after a DOM mutation before the detectors run again. */
  debounceMs?: number;
  /** Time after the load event before deciding that a page is not a setup screen. */
  settleMs?: number;
  /** How long a code for a setup screen that has not appeared yet is kept. */
  pendingFillMs?: number;
  /** Longest wait for the observer to take a device name before submitting. */
  configAckMs?: number;
  /** What the page observer posted before this script started (held by the page bridge). */
  earlierMessages?: readonly unknown[];
}

/** The running content script. */
export interface CognitoContent {
  /** Runs the detectors now; `force` reports a setup screen again even if unchanged. */
  scan(force?: boolean): Promise<void>;
  /** Carries out a command from the background (already checked). */
  handleCommand(command: ContentCommand): Promise<ContentCommandReply>;
  /** Resolves when every piece of work started so far has finished (for tests). */
  idle(): Promise<void>;
  stop(): void;
}

interface Fill {
  code: string;
  deviceName: string;
  autoSubmit: boolean;
  enrollmentId?: string;
}

const ignore = () => {};

/**
 * The isolated-world content script on a Cognito page: runs the detectors on load and on DOM
 * mutations, reports setup screens and what the page observer saw to the background, and fills
 * the codes it answers with. Acts only in the top frame.
 */
export function startCognitoContent(options: CognitoContentOptions): CognitoContent {
  const { win, send } = options;
  const now = options.now ?? (() => Date.now());
  const debounceMs = options.debounceMs ?? 250;
  const settleMs = options.settleMs ?? 1500;
  const pendingFillMs = options.pendingFillMs ?? 30_000;
  const configAckMs = options.configAckMs ?? 300;
  const doc = win.document;

  const inert: CognitoContent = {
    scan: async () => {},
    handleCommand: async () => ({ done: false }),
    idle: async () => {},
    stop: ignore,
  };
  if (win.top !== win) return inert;

  let stopped = false;
  const work = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    work.add(promise);
    void promise.then(
      () => work.delete(promise),
      () => work.delete(promise),
    );
    return promise;
  };

  // The tab's sessionStorage, for the left-setup note. Not named `storage`: WXT's auto-import
  // would take that for its own storage utility and bundle it.
  let notes: Storage | undefined;
  try {
    notes = win.sessionStorage;
  } catch {
    notes = undefined;
  }
  let targetOrigin = '*';
  try {
    if (win.location.origin && win.location.origin !== 'null') targetOrigin = win.location.origin;
  } catch {
    // Opaque origin: post to this window whatever it is.
  }

  // ---- the observer link ----
  let ackWaiters: (() => void)[] = [];
  let configAck: Promise<void> = Promise.resolve();
  let sentDeviceName = '';

  /** Tells the observer the device name; `configAck` settles once it has taken it (or soon). */
  function postDeviceName(deviceName: string): void {
    if (deviceName === sentDeviceName) return;
    sentDeviceName = deviceName;
    const message: ContentConfig = { __keyfob: 'content', type: 'config', deviceName };
    configAck = new Promise<void>((resolve) => {
      ackWaiters.push(resolve);
      setTimeout(resolve, configAckMs);
    });
    win.postMessage(message, targetOrigin);
  }

  // Without an answer the observer adds no device name; reports go ahead regardless, since
  // the background binds everything to the sender's origin.
  const configDeviceName: Promise<string> = track(
    send('getPageConfig', {}).then(
      (value) => (value && isDeviceName(value.deviceName) ? value.deviceName : ''),
      () => '',
    ),
  );
  void configDeviceName.then((deviceName) => {
    if (!stopped && deviceName) postDeviceName(deviceName);
  });

  function onWindowMessage(event: MessageEvent): void {
    if (event.source !== win || event.origin !== win.location.origin) return;
    onObserverData(event.data);
  }

  function onObserverData(data: unknown): void {
    if (stopped) return;
    const message = readObserverMessage(data);
    if (!message) return;
    if (message.type === 'ready') {
      const waiters = ackWaiters;
      ackWaiters = [];
      waiters.forEach((resolve) => resolve());
      return;
    }
    // The bridge's cue to bring this script in; nothing for the script itself.
    if (message.type === 'activity') return;
    void track(onObserverMessage(message));
  }

  const reportedSecrets = new Set<string>();
  /**
   * The observer has seen this page's own Cognito calls: the page talks to Cognito from
   * script, so VerifySoftwareToken's answer will be observed and no left-setup note is needed.
   */
  let observerSeesTraffic = false;
  async function onObserverMessage(message: ObserverAssociate | ObserverVerify): Promise<void> {
    // After the page config, so the observer holds its device name before anything is filled.
    await configDeviceName;
    if (stopped) return;
    observerSeesTraffic = true;
    clearFillMark(notes);
    if (message.type === 'associate') {
      if (reportedSecrets.has(message.secret)) return;
      reportedSecrets.add(message.secret);
      const hints = pageHints(doc);
      if (message.account !== undefined) hints.account = message.account;
      await reportSetup({ secret: message.secret, hints });
      // The observer is faster than the debounced DOM scan, and a quick person may submit
      // before that scan runs: read the screen now, for the site's own otpauth label.
      void scan();
    } else {
      await reportOutcome(message.outcome);
    }
  }

  // ---- enrollment state ----
  let enrollment: { id?: string; deviceName: string; autoSubmit: boolean } | undefined;
  let pendingFill: (Fill & { until: number }) | undefined;
  let lastFill: { enrollmentId?: string; code: string } | undefined;

  async function reportSetup(report: SetupReport): Promise<void> {
    let reply: SetupReply;
    try {
      reply = await send('reportSetupScreen', report);
    } catch {
      return;
    }
    if (stopped || reply?.action !== 'fill') return;
    const { code, deviceName, autoSubmit, enrollmentId } = reply;
    if (!isOtpCode(code) || !isDeviceName(deviceName) || !isEnrollmentId(enrollmentId)) return;
    await fillSetup({ code, deviceName, autoSubmit: autoSubmit === true, enrollmentId });
  }

  /** Fills a code for an enrollment into the setup screen, now or when it appears. */
  async function fillSetup(fill: Fill, force = false): Promise<boolean> {
    enrollment = { deviceName: fill.deviceName, autoSubmit: fill.autoSubmit };
    if (fill.enrollmentId !== undefined) enrollment.id = fill.enrollmentId;
    await configDeviceName;
    if (fill.deviceName) postDeviceName(fill.deviceName);
    const screen = detectSetupScreen(doc);
    if (!screen) {
      pendingFill = { ...fill, until: now() + pendingFillMs };
      return false;
    }
    return applyFill(screen, fill, force);
  }

  async function applyFill(screen: SetupScreen, fill: Fill, force: boolean): Promise<boolean> {
    const repeat =
      lastFill?.enrollmentId === fill.enrollmentId &&
      lastFill?.code === fill.code &&
      codeValue(screen.codeInputs) === fill.code;
    if (repeat && !force) return true;
    fillCode(screen.codeInputs, fill.code);
    if (fill.deviceName && screen.deviceName) fillIfEmpty(screen.deviceName.input, fill.deviceName);
    lastFill = { code: fill.code };
    if (fill.enrollmentId !== undefined) lastFill.enrollmentId = fill.enrollmentId;
    if (!observerSeesTraffic) {
      // A server-rendered setup page: the next page of this origin tells how it went.
      const mark: { at: number; enrollmentId?: string } = { at: now() };
      if (fill.enrollmentId !== undefined) mark.enrollmentId = fill.enrollmentId;
      markFill(notes, mark);
    }
    if (fill.autoSubmit) {
      // The observer must hold the device name before the page sends VerifySoftwareToken.
      await configAck;
      if (!stopped) submitCode(screen.form, screen.submit);
    }
    return true;
  }

  async function reportOutcome(outcome: VerifyOutcome): Promise<void> {
    const data: { enrollmentId?: string; outcome: VerifyOutcome } = { outcome };
    if (enrollment?.id !== undefined) data.enrollmentId = enrollment.id;
    let reply: OutcomeReply;
    try {
      reply = await send('reportVerifyOutcome', data);
    } catch {
      return;
    }
    if (stopped || !reply) return;
    if (reply.action === 'verified') {
      clearFillMark(notes);
      enrollment = undefined;
      pendingFill = undefined;
    } else if (reply.action === 'refill' && isOtpCode(reply.code)) {
      const current = enrollment ?? { deviceName: '', autoSubmit: false };
      const fill: Fill = {
        code: reply.code,
        deviceName: current.deviceName,
        autoSubmit: current.autoSubmit,
      };
      if (current.id !== undefined) fill.enrollmentId = current.id;
      await fillSetup(fill, true);
    }
  }

  // ---- scanning ----
  let lastSetupKey: string | undefined;
  let askedSignIn = new WeakSet<HTMLInputElement>();

  async function scanOnce(force: boolean): Promise<void> {
    if (stopped) return;
    const setup = detectSetupScreen(doc);
    if (setup) {
      if (pendingFill) {
        const fill = pendingFill;
        pendingFill = undefined;
        if (now() <= fill.until) await applyFill(setup, fill, false);
      }
      const key = setupKey(setup);
      if (!force && key === lastSetupKey) return;
      const report = await buildSetupReport(setup, doc);
      if (!report || stopped) return;
      lastSetupKey = key;
      await reportSetup(report);
      return;
    }
    const signIn = detectSignInCodeScreen(doc);
    if (!signIn || signIn.codeSource === 'sms' || signIn.codeSource === 'email') return;
    const anchor =
      signIn.codeInputs.kind === 'single' ? signIn.codeInputs.input : signIn.codeInputs.inputs[0];
    if (!anchor || askedSignIn.has(anchor) || !isCodeEmpty(signIn.codeInputs)) return;
    askedSignIn.add(anchor);
    let code: string | null = null;
    try {
      ({ code } = await send('requestSignInCode', {}));
    } catch {
      return;
    }
    if (stopped || !isOtpCode(code)) return;
    // The page may have moved on while the background answered: look again.
    const fresh = detectSignInCodeScreen(doc);
    if (fresh && isCodeEmpty(fresh.codeInputs)) fillCode(fresh.codeInputs, code);
  }

  let queue: Promise<void> = Promise.resolve();
  let queued = false;
  function scan(force = false): Promise<void> {
    if (!force && queued) return queue;
    queued = true;
    queue = queue
      .then(() => {
        queued = false;
        return scanOnce(force);
      })
      .catch(ignore);
    return track(queue);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void scan();
    }, debounceMs);
  });

  // ---- left setup (server-rendered pages) ----
  async function checkLeftSetup(): Promise<void> {
    if (!readFillMark(notes, now())) return;
    if (doc.readyState !== 'complete') {
      await new Promise<void>((resolve) =>
        win.addEventListener('load', () => resolve(), { once: true }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const mark = readFillMark(notes, now());
    if (stopped || !mark || detectSetupScreen(doc)) return;
    clearFillMark(notes);
    if (mark.enrollmentId !== undefined && enrollment === undefined) {
      enrollment = { id: mark.enrollmentId, deviceName: '', autoSubmit: false };
    }
    await reportOutcome({ kind: 'left-setup' });
  }

  // ---- commands ----
  async function handleCommand(command: ContentCommand): Promise<ContentCommandReply> {
    if (stopped) return { done: false };
    if (command.command === 'scanForSetup') {
      lastSetupKey = undefined;
      askedSignIn = new WeakSet();
      await scan(true);
      return { done: true };
    }
    // The background checked the tab's origin; the tab may have navigated since.
    if (command.expectedOrigin !== undefined && command.expectedOrigin !== win.location.origin) {
      return { done: false };
    }
    const fill: Fill = {
      code: command.code,
      deviceName: command.deviceName ?? '',
      autoSubmit: command.autoSubmit === true,
    };
    if (command.enrollmentId !== undefined) fill.enrollmentId = command.enrollmentId;
    const setup = detectSetupScreen(doc);
    if (setup || command.enrollmentId !== undefined) {
      return { done: await track(fillSetup(fill, true)) };
    }
    const signIn = detectSignInCodeScreen(doc);
    if (!signIn) return { done: false };
    fillCode(signIn.codeInputs, fill.code);
    if (fill.autoSubmit) submitCode(signIn.form, signIn.submit);
    return { done: true };
  }

  win.addEventListener('message', onWindowMessage);
  // The bridge checked only where they came from (this window); they get the full check here.
  for (const data of options.earlierMessages ?? []) onObserverData(data);
  observer.observe(doc, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['src', 'href', 'hidden', 'disabled', 'readonly', 'type', 'aria-hidden'],
  });
  void scan();
  void track(checkLeftSetup());

  return {
    scan,
    handleCommand: (command) => track(handleCommand(command)),
    async idle() {
      while (work.size > 0) await Promise.allSettled([...work]);
    },
    stop() {
      stopped = true;
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      win.removeEventListener('message', onWindowMessage);
    },
  };
}
