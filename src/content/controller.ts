import { detectSetupScreen, detectSignInCodeScreen } from '../cognito/screens';
import type { SendContentMessage } from '../messaging/content-client';
import type { ContentCommand, ContentCommandReply } from '../messaging/content-protocol';
import { isDeviceName } from './commands';
import { createObserverLink } from './observer-link';
import { createScreenWatch } from './screen-watch';
import { createSetup } from './setup';
import { createSetupFiller, type SetupFill } from './setup-fill';
import { createSignIn } from './sign-in';
import { measureVisibility, type FieldVisibility } from './visibility';

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
  /**
   * Why a person cannot see a field; by default measured in `win`, a field merely out of view
   * scrolled into view only when a code is about to go in (./visibility).
   */
  whyHidden?: FieldVisibility;
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

const INERT: CognitoContent = {
  scan: async () => {},
  handleCommand: async () => ({ done: false, refused: 'stopped' }),
  idle: async () => {},
  stop: () => {},
};

/**
 * The isolated-world content script on a Cognito page, wired from one module per job: the
 * observer link (page messages), the screen watch (when the detectors run), setup (report,
 * fill, outcome) and sign-in (automatic fill). It runs the detectors on load and on DOM
 * mutations, reports setup screens and what the page observer saw to the background, and fills
 * the codes it answers with. Acts only in the top frame.
 */
export function startCognitoContent(options: CognitoContentOptions): CognitoContent {
  const { win, send } = options;
  if (win.top !== win) return INERT;
  const now = options.now ?? (() => Date.now());
  const whyHidden = options.whyHidden ?? measureVisibility(win);
  const doc = win.document;

  let stopped = false;
  const isStopped = () => stopped;
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

  const link = createObserverLink({
    win,
    configAckMs: options.configAckMs ?? 300,
    isStopped,
    onReport: (message) => void track(setup.onObserverReport(message)),
  });
  // Without an answer the observer adds no device name; reports go ahead regardless, since
  // the background binds everything to the sender's origin.
  const pageConfig: Promise<string> = track(
    send('getPageConfig', {}).then(
      (value) => (value && isDeviceName(value.deviceName) ? value.deviceName : ''),
      () => '',
    ),
  );
  const detectSetup = () => detectSetupScreen(doc);
  const detectSignIn = () => detectSignInCodeScreen(doc);
  const filler = createSetupFiller({
    notes,
    now,
    configAck: link.configAck,
    isStopped,
    whyHidden,
  });
  const setup = createSetup({
    win,
    detect: detectSetup,
    send,
    now,
    notes,
    filler,
    postDeviceName: link.postDeviceName,
    pageConfig,
    isStopped,
    rescan: () => void watch.scan(),
    pendingFillMs: options.pendingFillMs ?? 30_000,
    settleMs: options.settleMs ?? 1500,
  });
  const signIn = createSignIn({ detect: detectSignIn, send, isStopped, whyHidden });
  const watch = createScreenWatch({
    doc,
    debounceMs: options.debounceMs ?? 250,
    isStopped,
    track,
    async scanOnce(force) {
      if (stopped) return;
      const setupScreen = detectSetup();
      if (setupScreen) return setup.onScreen(setupScreen, force);
      const signInScreen = detectSignIn();
      if (signInScreen) await signIn.onScreen(signInScreen);
    },
  });

  async function handleCommand(command: ContentCommand): Promise<ContentCommandReply> {
    if (stopped) return { done: false, refused: 'stopped' };
    if (command.command === 'scanForSetup') {
      setup.forget();
      signIn.forget();
      await watch.scan(true);
      return { done: true };
    }
    // The background checked the tab's origin; the tab may have navigated since.
    if (command.expectedOrigin !== undefined && command.expectedOrigin !== win.location.origin) {
      return { done: false, refused: 'page-changed' };
    }
    if (detectSetup() || command.enrollmentId !== undefined) {
      const fill: SetupFill = {
        code: command.code,
        deviceName: command.deviceName ?? '',
        autoSubmit: command.autoSubmit === true,
      };
      if (command.enrollmentId !== undefined) fill.enrollmentId = command.enrollmentId;
      if (await track(setup.fill(fill, true))) return { done: true };
      // The filler refuses only a screen the person cannot see.
      return { done: false, refused: detectSetup() ? 'hidden-field' : 'no-field' };
    }
    return signIn.fill(command.code, command.autoSubmit === true);
  }

  link.start();
  // The bridge checked only where they came from (this window); they get the full check here.
  for (const data of options.earlierMessages ?? []) link.receive(data);
  watch.start();
  void watch.scan();
  void track(setup.checkLeftSetup());

  return {
    scan: watch.scan,
    handleCommand: (command) => track(handleCommand(command)),
    async idle() {
      while (work.size > 0) await Promise.allSettled([...work]);
    },
    stop() {
      stopped = true;
      watch.stop();
      link.stop();
    },
  };
}
