import { nextEnrollmentStep, type VerifyOutcome } from '../cognito/protocol';
import { generateCode } from '../otp';
import type { OutcomeReply, SetupReply, SetupReport } from '../messaging/content-protocol';
import type { Account, VaultService } from '../vault';
import type { AccountId, Origin } from '../shared';
import { resolveCapture } from './capture';
import type { SettingsStore } from './settings';

/** Dependencies of {@link createEnrollmentService}. */
export interface EnrollmentDeps {
  vault: VaultService;
  settings: SettingsStore;
  now: () => number;
  decodeQr: (dataUrl: string) => Promise<string | null>;
  /** Tells the person (badge) that a tab waits for them to unlock. */
  onWaitingForUnlock: (tabId: number) => Promise<void>;
}

/** Who is reporting: the tab and exact origin the browser gave for the content script. */
export interface PageSender {
  tabId: number;
  origin: Origin;
}

/** A message to show the person in the popup about a setup on some origin. */
export interface EnrollmentNotice {
  origin: string;
  message: string;
  atMs: number;
}

/**
 * Enrollment (docs/architecture.md §1, §4): a setup screen's secret becomes a *pending* account bound to
 * the exact origin the browser reported, and only Cognito's answer — or the page moving past
 * setup — makes it *verified*. Pages are untrusted: whatever one reports can only create,
 * confirm or discard pending accounts of its own origin, and never deletes a verified one.
 */
export function createEnrollmentService(deps: EnrollmentDeps) {
  const { vault, settings, now, decodeQr, onWaitingForUnlock } = deps;
  /** Codes submitted per pending account, for the retry-once policy. Memory only. */
  const attempts = new Map<AccountId, number>();
  /** The code last handed out per pending account, so a retry never repeats it. */
  const lastCode = new Map<AccountId, string>();
  /** Tabs that showed a setup screen while the vault was locked; rescanned after unlock. */
  const waitingTabs = new Set<number>();
  const notices: EnrollmentNotice[] = [];
  /** Secrets whose setup can no longer finish, per origin: a late report must not revive them. */
  const discarded = new Map<string, Set<string>>();
  /**
   * Secrets of pending accounts the person removed, per origin: the setup screen may still be
   * open and report again (its QR image rendering late, say), which must not undo the removal.
   * Only the person's own "Enroll on this page" lifts it. Memory only.
   */
  const removedByPerson = new Map<string, Set<string>>();
  /**
   * Reports and outcomes run one at a time: the observer and the DOM report one setup at
   * nearly the same moment, and a list-then-add that interleaves would save it twice.
   */
  let queue: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function notify(origin: string, message: string): void {
    notices.unshift({ origin, message, atMs: now() });
    notices.length = Math.min(notices.length, 5);
  }

  async function codeFor(account: Account, atMs: number): Promise<string> {
    return generateCode(account.params, atMs);
  }

  async function pendingFor(origin: Origin, id?: string): Promise<Account | null> {
    const { accounts } = await vault.list();
    const mine = accounts.filter((a) => a.origin === origin && a.state === 'pending');
    if (id !== undefined) return mine.find((a) => a.id === id) ?? null;
    return mine.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  }

  async function markVerified(account: Account): Promise<void> {
    await vault.update(account.id, { state: 'verified' });
    attempts.delete(account.id);
    lastCode.delete(account.id);
    // The user's older secret for this site stops working once the new one is verified.
    const { accounts } = await vault.list();
    for (const older of accounts) {
      if (
        older.id !== account.id &&
        older.origin === account.origin &&
        older.state === 'verified' &&
        older.params.account === account.params.account
      ) {
        await vault.update(older.id, { state: 'replaced' });
      }
    }
  }

  async function reportSetup(report: SetupReport, sender: PageSender): Promise<SetupReply> {
    if (!vault.isUnlocked()) {
      waitingTabs.add(sender.tabId);
      await onWaitingForUnlock(sender.tabId);
      return { action: 'wait-unlock' };
    }
    const capture = await resolveCapture(report, sender.origin, decodeQr);
    if (!capture) return { action: 'ignore', reason: 'no usable secret on this page' };
    const { params } = capture;
    if (discarded.get(sender.origin)?.has(params.secret)) {
      return { action: 'ignore', reason: 'this setup can no longer finish' };
    }
    if (removedByPerson.get(sender.origin)?.has(params.secret)) {
      return { action: 'ignore', reason: 'you removed this setup' };
    }

    const { accounts } = await vault.list();
    const sameOrigin = accounts.filter((a) => a.origin === sender.origin);
    let account = sameOrigin.find((a) => a.params.secret === params.secret);
    if (account) {
      // The observer and the DOM both report one setup; the site's own otpauth label, or
      // failing that any account name over none, wins.
      const better =
        (capture.labelledByUri &&
          (account.params.issuer !== params.issuer || account.params.account !== params.account)) ||
        (!account.params.account && params.account !== '');
      if (account.state === 'pending' && better) {
        account = await vault.update(account.id, {
          params: { account: params.account, issuer: params.issuer },
        });
      }
    } else {
      // A second setup for the same user replaces the unfinished one instead of piling up.
      for (const stale of sameOrigin) {
        if (stale.state === 'pending' && stale.params.account === params.account) {
          await vault.remove(stale.id);
          attempts.delete(stale.id);
        }
      }
      account = await vault.add({ params, state: 'pending', origin: sender.origin });
    }
    // A repeated report of a setup in progress keeps its retry count and refilled code.
    const attempt = attempts.get(account.id);
    const code =
      attempt !== undefined && attempt > 1 && lastCode.has(account.id)
        ? lastCode.get(account.id)!
        : await codeFor(account, now());
    if (attempt === undefined) attempts.set(account.id, 1);
    lastCode.set(account.id, code);
    const { deviceName, autoSubmitSetup } = await settings.get();
    return {
      action: 'fill',
      enrollmentId: account.id,
      code,
      deviceName,
      autoSubmit: autoSubmitSetup,
    };
  }

  async function reportOutcome(
    data: { enrollmentId?: string; outcome: VerifyOutcome },
    sender: PageSender,
  ): Promise<OutcomeReply> {
    if (!vault.isUnlocked()) return { action: 'none' };
    const account = await pendingFor(sender.origin, data.enrollmentId);
    if (!account) return { action: 'none' };
    const { outcome } = data;
    if (outcome.kind === 'left-setup') {
      await markVerified(account);
      return { action: 'verified' };
    }
    const attempt = attempts.get(account.id) ?? 1;
    const step = nextEnrollmentStep({ ...outcome, attempt });
    switch (step.action) {
      case 'mark-verified':
        await markVerified(account);
        return { action: 'verified' };
      case 'retry-next-code': {
        attempts.set(account.id, attempt + 1);
        // A refused code usually expired on the way; if the step has not moved on yet, the
        // next step's code (Cognito accepts a neighbouring step) is the one to try.
        let code = await codeFor(account, now());
        if (code === lastCode.get(account.id)) {
          code = await codeFor(account, now() + account.params.period * 1000);
        }
        lastCode.set(account.id, code);
        return { action: 'refill', code };
      }
      case 'discard-pending': {
        await vault.remove(account.id);
        attempts.delete(account.id);
        lastCode.delete(account.id);
        const dead = discarded.get(sender.origin) ?? new Set<string>();
        discarded.set(sender.origin, dead.add(account.params.secret));
        notify(sender.origin, step.explanation);
        return { action: 'explain', message: step.explanation };
      }
      case 'explain-clock-skew':
      case 'keep-pending-ask-user':
      case 'keep-pending-retry-later':
        notify(sender.origin, step.explanation);
        return { action: 'explain', message: step.explanation };
    }
  }

  return {
    /** Tabs to rescan once the vault is unlocked (then forgotten). */
    takeWaitingTabs(): number[] {
      const tabs = [...waitingTabs];
      waitingTabs.clear();
      return tabs;
    },

    /** The person removed an account: a pending one stays removed while its screen is open. */
    personRemoved(account: Account): void {
      if (account.state !== 'pending' || account.origin === undefined) return;
      const removed = removedByPerson.get(account.origin) ?? new Set<string>();
      removedByPerson.set(account.origin, removed.add(account.params.secret));
    },

    /** The person asked to set up on this origin: what they removed there may come back. */
    enrollRequested(origin: Origin): void {
      removedByPerson.delete(origin);
    },

    /** Recent enrollment messages for the popup, newest first. */
    notices(): readonly EnrollmentNotice[] {
      return notices;
    },

    /** A setup screen was seen: save its secret as pending and answer with what to fill. */
    reportSetup(report: SetupReport, sender: PageSender): Promise<SetupReply> {
      return oneAtATime(() => reportSetup(report, sender));
    },

    /** Cognito answered VerifySoftwareToken (or the page left setup): follow the catalogue. */
    reportOutcome(
      data: { enrollmentId?: string; outcome: VerifyOutcome },
      sender: PageSender,
    ): Promise<OutcomeReply> {
      return oneAtATime(() => reportOutcome(data, sender));
    },
  };
}

/** The enrollment service's interface. */
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
