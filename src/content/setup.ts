import type { VerifyOutcome } from '../cognito/protocol';
import type { SetupScreen } from '../cognito/screens';
import type { SendContentMessage } from '../messaging/content-client';
import type { OutcomeReply, SetupReply, SetupReport } from '../messaging/content-protocol';
import { isDeviceName, isEnrollmentId, isOtpCode } from './commands';
import { clearFillMark, readFillMark } from './fill-mark';
import type { ObserverAssociate, ObserverVerify } from './page-messages';
import type { SetupFill, SetupFiller } from './setup-fill';
import { buildSetupReport, pageHints, setupKey } from './setup-report';

/** What {@link createSetup} needs. */
export interface SetupDeps {
  /** The page's window: its document, and its load event. */
  win: Window;
  /** Reads the page for a setup screen. */
  detect(): SetupScreen | null;
  send: SendContentMessage;
  now(): number;
  /** The tab's sessionStorage, for the left-setup note; undefined where the page has none. */
  notes: Storage | undefined;
  filler: SetupFiller;
  /** Tells the page observer the device name to add to VerifySoftwareToken. */
  postDeviceName(deviceName: string): void;
  /**
   * The device name of the page config, once the background has answered (or failed to). It
   * goes into the page only once a setup shows: a page without one learns nothing of Keyfob.
   */
  pageConfig: Promise<string>;
  isStopped(): boolean;
  /** Runs the detectors again soon. */
  rescan(): void;
  /** How long a code for a setup screen that has not appeared yet is kept. */
  pendingFillMs: number;
  /** Time after the load event before deciding that a page is not a setup screen. */
  settleMs: number;
}

/** The setup side of a page: from a setup screen to a verified (or refused) code. */
export interface Setup {
  /** A setup screen the detectors found; `force` reports it again even if unchanged. */
  onScreen(screen: SetupScreen, force: boolean): Promise<void>;
  /** What the page observer read from the page's own AssociateSoftwareToken / VerifySoftwareToken. */
  onObserverReport(message: ObserverAssociate | ObserverVerify): Promise<void>;
  /** Fills a code for an enrollment into the setup screen, now or when it appears. */
  fill(fill: SetupFill, force: boolean): Promise<boolean>;
  /**
   * On the page after a server-rendered setup screen Keyfob filled: once the page has
   * settled without a setup screen, reports that the person left the setup.
   */
  checkLeftSetup(): Promise<void>;
  /** Reports the current setup screen again, even if unchanged. */
  forget(): void;
}

/**
 * Reports setup screens and what the observer read to the background, fills the code it
 * answers with (holding it for a screen that has not rendered yet), and reports how
 * VerifySoftwareToken ended.
 */
export function createSetup(deps: SetupDeps): Setup {
  const { win, detect, send, now, notes, filler, postDeviceName, pageConfig, isStopped } = deps;
  const doc = win.document;
  let enrollment: { id?: string; deviceName: string; autoSubmit: boolean } | undefined;
  let pendingFill: (SetupFill & { until: number }) | undefined;
  let lastSetupKey: string | undefined;
  const reportedSecrets = new Set<string>();

  /** A setup is running: the observer gets the device name for its VerifySoftwareToken. */
  async function setupRunning(): Promise<void> {
    const deviceName = await pageConfig;
    if (deviceName && !isStopped()) postDeviceName(deviceName);
  }

  async function fill(setupFill: SetupFill, force: boolean): Promise<boolean> {
    enrollment = { deviceName: setupFill.deviceName, autoSubmit: setupFill.autoSubmit };
    if (setupFill.enrollmentId !== undefined) enrollment.id = setupFill.enrollmentId;
    await pageConfig;
    if (setupFill.deviceName) postDeviceName(setupFill.deviceName);
    const screen = detect();
    if (!screen) {
      pendingFill = { ...setupFill, until: now() + deps.pendingFillMs };
      return false;
    }
    return filler.apply(screen, setupFill, force);
  }

  async function reportSetup(report: SetupReport): Promise<void> {
    let reply: SetupReply;
    try {
      reply = await send('reportSetupScreen', report);
    } catch {
      return;
    }
    if (isStopped() || reply?.action !== 'fill') return;
    const { code, deviceName, autoSubmit, enrollmentId } = reply;
    if (!isOtpCode(code) || !isDeviceName(deviceName) || !isEnrollmentId(enrollmentId)) return;
    await fill({ code, deviceName, autoSubmit: autoSubmit === true, enrollmentId }, false);
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
    if (isStopped() || !reply) return;
    if (reply.action === 'verified') {
      clearFillMark(notes);
      enrollment = undefined;
      pendingFill = undefined;
    } else if (reply.action === 'refill' && isOtpCode(reply.code)) {
      const current = enrollment ?? { deviceName: '', autoSubmit: false };
      const refill: SetupFill = {
        code: reply.code,
        deviceName: current.deviceName,
        autoSubmit: current.autoSubmit,
      };
      if (current.id !== undefined) refill.enrollmentId = current.id;
      await fill(refill, true);
    }
  }

  return {
    fill,

    async onScreen(screen, force) {
      if (pendingFill) {
        const held = pendingFill;
        pendingFill = undefined;
        if (now() <= held.until) await filler.apply(screen, held, false);
      }
      await setupRunning();
      const key = setupKey(screen);
      if (!force && key === lastSetupKey) return;
      const report = await buildSetupReport(screen, doc);
      if (!report || isStopped()) return;
      lastSetupKey = key;
      await reportSetup(report);
    },

    async onObserverReport(message) {
      // After the page config, so the observer holds its device name before anything is filled.
      await pageConfig;
      if (isStopped()) return;
      filler.observerSeesTraffic();
      clearFillMark(notes);
      if (message.type === 'verify') {
        await reportOutcome(message.outcome);
        return;
      }
      if (reportedSecrets.has(message.secret)) return;
      reportedSecrets.add(message.secret);
      await setupRunning();
      const hints = pageHints(doc);
      if (message.account !== undefined) hints.account = message.account;
      await reportSetup({ secret: message.secret, hints });
      // The observer is faster than the debounced DOM scan, and a quick person may submit
      // before that scan runs: read the screen now, for the site's own otpauth label.
      deps.rescan();
    },

    async checkLeftSetup() {
      if (!readFillMark(notes, now())) return;
      if (doc.readyState !== 'complete') {
        await new Promise<void>((resolve) =>
          win.addEventListener('load', () => resolve(), { once: true }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, deps.settleMs));
      const mark = readFillMark(notes, now());
      if (isStopped() || !mark || detect()) return;
      clearFillMark(notes);
      if (mark.enrollmentId !== undefined && enrollment === undefined) {
        enrollment = { id: mark.enrollmentId, deviceName: '', autoSubmit: false };
      }
      await reportOutcome({ kind: 'left-setup' });
    },

    forget() {
      lastSetupKey = undefined;
    },
  };
}
