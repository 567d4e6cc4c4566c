import type { VerifyEvidence, VerifySubmission } from '../cognito/protocol';
import { nextEnrollmentStep, type VerifyOutcome } from '../cognito/protocol';
import type { OutcomeReply, SetupReply, SetupReport } from '../messaging/content-protocol';
import type { Account, VaultService } from '../vault';
import type { AccountId, Origin } from '../shared';
import type { MessageKey } from '../shared/i18n';
import { resolveCapture } from './capture';
import { accountForCodes, codeToFill, createCodeLedger } from './enrollment-codes';
import { createKeyedQueue } from './keyed-queue';
import { createRateLimiter } from './report-rate-limit';
import type { SettingsStore } from './settings';

/** Dependencies of {@link createEnrollmentService}. */
export interface EnrollmentDeps {
  vault: VaultService;
  settings: SettingsStore;
  now: () => number;
  /** The clock codes are made by (this computer's plus the learned offset); default `now`. */
  codeNow?: () => number;
  /**
   * Resolves once the Cognito answers tab `tabId` is waiting for have come, and their clock
   * was read (see AnswersInFlight): a code is made only after.
   */
  answersSettled?: (tabId: number) => Promise<void>;
  decodeQr: (dataUrl: string) => Promise<string | null>;
  /** Tells the person (badge) that a tab waits for them to unlock. */
  onWaitingForUnlock: (tabId: number) => Promise<void>;
  /** Shows on the tab's badge how many codes the site refused there (0 clears it). */
  showRefusals?: (tabId: number, refusals: number) => Promise<void>;
}

/** Who is reporting: the tab and exact origin the browser gave for the content script. */
export interface PageSender {
  tabId: number;
  origin: Origin;
}

/**
 * A message to show the person in the popup about a setup on some origin. It keeps the
 * message's name, not its text, so the popup reads it in the language chosen by then.
 */
export interface EnrollmentNotice {
  origin: string;
  messageKey: MessageKey;
  atMs: number;
}

/** Pending accounts one origin may have at once. */
export const MAX_PENDING_PER_ORIGIN = 3;
/** Pending accounts in all. */
export const MAX_PENDING = 20;
/** A pending account older than this is removed: its setup is long over. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
/** Reports a tab may send at once, and how fast it earns another. */
export const TAB_REPORT_BURST = 20;
export const TAB_REPORT_REFILL_MS = 1000;

/**
 * How long a setup screen waits for the site's answer to a code a tab sent, before it gets
 * the next step's code instead. Cognito answers within a second or two; well under the 30 s
 * after which an idle Firefox background may be stopped, and the waiting reply lost with it.
 */
export const ANSWER_WAIT_MS = 15_000;

/** Resolves when `promise` does, or after `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The notices this service words itself; the others come from the Cognito error catalogue. */
export const REFUSED_ONCE: MessageKey = 'noticeCodeRefusedOnce';
export const TOO_MANY_HERE: MessageKey = 'noticeTooManyHere';
export const TOO_MANY: MessageKey = 'noticeTooMany';
const TOO_FAST = 'this page reports too often';

/**
 * Enrollment (docs/architecture.md §1, §4): a setup screen's secret becomes a *pending* account
 * bound to the exact origin the browser reported. It becomes *verified* only on evidence no
 * page can forge: what the browser itself saw of the site's answer to one of Keyfob's codes
 * ({@link EnrollmentService.observed}), or the person's own word in the popup. Pages are
 * untrusted: what one reports can create pending accounts of its own origin (a few at most),
 * refuse or discard them, and never verifies, demotes or deletes a verified one.
 */
export function createEnrollmentService(deps: EnrollmentDeps) {
  const { vault, settings, now, decodeQr, onWaitingForUnlock } = deps;
  const codeNow = deps.codeNow ?? now;
  const answersSettled = deps.answersSettled ?? (async () => {});
  const showRefusals = deps.showRefusals ?? (async () => {});
  const codes = createCodeLedger();
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
   * Reports run one at a time per origin: the observer and the DOM report one setup at nearly
   * the same moment, and a list-then-add that interleaves would save it twice. Origins do not
   * wait for each other, so one slow page cannot stall another's setup.
   */
  const queue = createKeyedQueue();
  const perTab = createRateLimiter({
    burst: TAB_REPORT_BURST,
    refillMs: TAB_REPORT_REFILL_MS,
    now,
  });

  function notify(origin: string, messageKey: MessageKey): void {
    const newest = notices[0];
    if (newest?.origin === origin && newest.messageKey === messageKey) return;
    notices.unshift({ origin, messageKey, atMs: now() });
    notices.length = Math.min(notices.length, 5);
  }

  function remember(map: Map<string, Set<string>>, origin: string, secret: string): void {
    map.set(origin, (map.get(origin) ?? new Set<string>()).add(secret));
  }

  /** The vault's accounts, after removing pending ones whose day has passed. */
  async function accountsNow(): Promise<Account[]> {
    const { accounts } = await vault.list();
    const expired = accounts.filter(
      (a) => a.state === 'pending' && now() - a.createdAt > PENDING_TTL_MS,
    );
    for (const account of expired) {
      await vault.remove(account.id);
      codes.forget(account.id);
    }
    return expired.length === 0 ? accounts : accounts.filter((a) => !expired.includes(a));
  }

  /** The pending account of `origin` that one of `sent` belongs to, and that code. */
  async function matchSent(origin: string, sent: readonly string[]) {
    const pending = (await accountsNow()).filter(
      (a) => a.origin === origin && a.state === 'pending',
    );
    return accountForCodes(sent, pending, codes, codeNow());
  }

  async function pendingFor(origin: Origin, id?: string): Promise<Account | null> {
    const mine = (await accountsNow()).filter((a) => a.origin === origin && a.state === 'pending');
    if (id !== undefined) return mine.find((a) => a.id === id) ?? null;
    return mine.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  }

  /**
   * Only ever called on the browser's evidence or the person's word. A verified account of the
   * same name stays as it is: the popup asks which one to keep.
   */
  async function markVerified(account: Account): Promise<void> {
    await vault.update(account.id, { state: 'verified' });
    codes.forget(account.id);
  }

  /** The site refused `code`: it is never filled again; the tab and the popup say so. */
  async function refused(account: Account, code: string, tabId: number): Promise<number> {
    const refusals = codes.refuse(account.id, code);
    const origin = account.origin ?? '';
    notify(origin, refusals < 2 ? REFUSED_ONCE : clockExplanation());
    await showRefusals(tabId, refusals).catch(() => {});
    return refusals;
  }

  function clockExplanation(): MessageKey {
    return nextEnrollmentStep({ kind: 'error', errorName: 'CodeMismatchException', attempt: 2 })
      .messageKey;
  }

  /**
   * Tells the setup page that the setup will not finish, without the words: those are the
   * popup's notice (see OutcomeReply), so no text reaches a content script it would not show.
   */
  function explain(): OutcomeReply {
    return { action: 'explain' };
  }

  function refuse(reason: string): SetupReply {
    return { action: 'ignore', reason };
  }

  async function newPending(
    params: Account['params'],
    sender: PageSender,
    accounts: readonly Account[],
  ): Promise<Account | SetupReply> {
    // A second setup for the same user replaces the unfinished one instead of piling up.
    for (const stale of accounts) {
      if (
        stale.origin === sender.origin &&
        stale.state === 'pending' &&
        stale.params.account === params.account
      ) {
        await vault.remove(stale.id);
        codes.forget(stale.id);
      }
    }
    const pending = (await vault.list()).accounts.filter((a) => a.state === 'pending');
    if (pending.filter((a) => a.origin === sender.origin).length >= MAX_PENDING_PER_ORIGIN) {
      notify(sender.origin, TOO_MANY_HERE);
      return refuse('too many unfinished setups on this site');
    }
    if (pending.length >= MAX_PENDING) {
      notify(sender.origin, TOO_MANY);
      return refuse('too many unfinished setups');
    }
    return vault.add({ params, state: 'pending', origin: sender.origin });
  }

  /**
   * The reply to a setup screen, or, when the code it would get is on its way to the site,
   * the answer to wait for first (`waited`: it came, or took too long).
   */
  async function reportSetup(
    report: SetupReport,
    sender: PageSender,
    waited: boolean,
  ): Promise<SetupReply | { waitFor: Promise<void> }> {
    if (!vault.isUnlocked()) {
      waitingTabs.add(sender.tabId);
      await onWaitingForUnlock(sender.tabId);
      return { action: 'wait-unlock' };
    }
    const capture = await resolveCapture(report, sender.origin, decodeQr);
    if (!capture) return refuse('no usable secret on this page');
    const { params } = capture;
    if (discarded.get(sender.origin)?.has(params.secret)) {
      return refuse('this setup can no longer finish');
    }
    if (removedByPerson.get(sender.origin)?.has(params.secret)) {
      return refuse('you removed this setup');
    }

    const accounts = await accountsNow();
    let account = accounts.find(
      (a) => a.origin === sender.origin && a.params.secret === params.secret,
    );
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
      const added = await newPending(params, sender, accounts);
      if (!('id' in added)) return added;
      account = added;
    }
    const refusals = codes.refusals(account.id);
    // Again on the page a refusal led to: a browser clears a tab's badge when it navigates.
    if (refusals > 0) await showRefusals(sender.tabId, refusals).catch(() => {});
    // The answer that brought this screen may tell the server's clock: its code follows it.
    await answersSettled(sender.tabId);
    const code = await codeToFill(account, codeNow(), codes, { skipSubmitted: waited });
    if (code === null) return refuse('this step’s codes are spent; the next one comes shortly');
    // A tab sent this code and the site's answer is not in: a page the server rendered again
    // after refusing it can report before the answer's event. The answer decides.
    if (!waited && codes.isSubmitted(account.id, code)) {
      return { waitFor: codes.answered(account.id, code) };
    }
    codes.handOut(account.id, code);
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
    const { outcome } = data;
    const account = await pendingFor(sender.origin, data.enrollmentId);
    if (
      outcome.kind === 'left-setup' ||
      (outcome.kind === 'status' && outcome.status === 'SUCCESS')
    ) {
      // A page's word never verifies: the browser's evidence or the person does. An account
      // the evidence already verified is reported as such, so the page stops following it.
      if (account || data.enrollmentId === undefined) return { action: 'none' };
      const done = (await vault.list()).accounts.find((a) => a.id === data.enrollmentId);
      return done?.state === 'verified' && done.origin === sender.origin
        ? { action: 'verified' }
        : { action: 'none' };
    }
    if (!account) return { action: 'none' };
    const step = nextEnrollmentStep({ ...outcome, attempt: 1 });
    switch (step.action) {
      case 'mark-verified':
        return { action: 'none' };
      case 'retry-next-code':
      case 'explain-clock-skew': {
        // The page does not say which code failed: the last one the browser saw it send, else
        // the last one Keyfob handed out; that code is never filled again. A wrong code the
        // person typed, unseen by the browser, costs Keyfob one of its own.
        const sent = codes.lastSent(account.id);
        const handed = codes.last(account.id);
        // The browser's answer refused it already, and a setup screen that waited for that
        // answer was given a later code since: the page holds it, so nothing more is spent
        // (charging the page's word to that code would burn it and blame the clock).
        if (
          sent !== undefined &&
          codes.isRefused(account.id, sent) &&
          handed !== undefined &&
          handed !== sent
        ) {
          return { action: 'none' };
        }
        const last = sent ?? handed ?? (await codeToFill(account, codeNow(), codes));
        const refusals = last === null ? 2 : await refused(account, last, sender.tabId);
        // The refusal's answer tells the server's clock: the next code follows it.
        if (refusals < 2) await answersSettled(sender.tabId);
        const code = refusals < 2 ? await codeToFill(account, codeNow(), codes) : null;
        if (code === null) return explain();
        codes.handOut(account.id, code);
        return { action: 'refill', code };
      }
      case 'discard-pending': {
        await vault.remove(account.id);
        codes.forget(account.id);
        remember(discarded, sender.origin, account.params.secret);
        notify(sender.origin, step.messageKey);
        return explain();
      }
      case 'keep-pending-ask-user':
      case 'keep-pending-retry-later':
        notify(sender.origin, step.messageKey);
        return explain();
    }
  }

  async function submitted(submission: VerifySubmission): Promise<void> {
    if (!vault.isUnlocked()) return;
    const match = await matchSent(submission.origin, submission.codes);
    if (match) codes.submit(match.account.id, match.code, submission.requestId);
  }

  async function observed(evidence: VerifyEvidence): Promise<void> {
    codes.settle(evidence.requestId);
    if (!vault.isUnlocked()) return;
    const match = await matchSent(evidence.origin, evidence.codes);
    if (!match) return;
    if (evidence.accepted) {
      await markVerified(match.account);
      await showRefusals(evidence.tabId, 0).catch(() => {});
    } else {
      // After a restart Keyfob no longer knows which code it handed out: the refused one is
      // the last it knows of, so the page's own report of this refusal, if it comes after,
      // costs no second code (and tells of no clock trouble).
      if (codes.last(match.account.id) === undefined) codes.handOut(match.account.id, match.code);
      await refused(match.account, match.code, evidence.tabId);
    }
  }

  async function personKeeps(id: AccountId): Promise<void> {
    const account = (await vault.list()).accounts.find((a) => a.id === id);
    if (account?.state === 'pending') await markVerified(account);
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
      codes.forget(account.id);
      remember(removedByPerson, account.origin, account.params.secret);
    },

    /** The person asked to set up on this origin: what they removed there may come back. */
    enrollRequested(origin: Origin): void {
      removedByPerson.delete(origin);
    },

    /** Recent enrollment messages for the popup, newest first. */
    notices(): readonly EnrollmentNotice[] {
      return notices;
    },

    /** Removes pending accounts whose day has passed (before the popup lists accounts). */
    async expire(): Promise<void> {
      if (vault.isUnlocked()) await accountsNow();
    },

    /**
     * A setup screen was seen: save its secret as pending and answer with what to fill. When
     * that code is on its way to the site, the reply waits for the answer: refused, or none
     * within {@link ANSWER_WAIT_MS}, the screen gets the next step's code.
     */
    async reportSetup(report: SetupReport, sender: PageSender): Promise<SetupReply> {
      if (!perTab.allow(String(sender.tabId))) return refuse(TOO_FAST);
      for (let waited = false; ; waited = true) {
        const reply = await queue.run(sender.origin, () => reportSetup(report, sender, waited));
        if (!('waitFor' in reply)) return reply;
        // Outside the origin's queue: the answer's own task runs in it.
        await settledWithin(reply.waitFor, ANSWER_WAIT_MS);
      }
    },

    /** The page says how its setup went: may refill or discard, never verifies. */
    reportOutcome(
      data: { enrollmentId?: string; outcome: VerifyOutcome },
      sender: PageSender,
    ): Promise<OutcomeReply> {
      if (!perTab.allow(String(sender.tabId))) return Promise.resolve({ action: 'none' });
      return queue.run(sender.origin, () => reportOutcome(data, sender));
    },

    /**
     * A tab sent a VerifySoftwareToken (or hosted setup form) with a code of a pending account
     * of its origin, as the browser saw the request leave: a setup screen that would get that
     * code waits for the answer. Queued with the origin's reports, so a page the answer
     * renders can't be handed the code before this is recorded.
     */
    submitted(submission: VerifySubmission): Promise<void> {
      return queue.run(submission.origin, () => submitted(submission));
    },

    /**
     * What the browser saw of a tab's VerifySoftwareToken (or hosted setup form): the site
     * accepted one of Keyfob's codes for a pending account of that origin, which verifies
     * it, or refused it, which Keyfob never fills again.
     */
    observed(evidence: VerifyEvidence): Promise<void> {
      return queue.run(evidence.origin, () => observed(evidence));
    },

    /**
     * A submitted request ended without a word about its codes (a network failure, an
     * answer about something else): they may be filled again.
     */
    released(submission: VerifySubmission): Promise<void> {
      return queue.run(submission.origin, async () => codes.settle(submission.requestId));
    },

    /** The person confirmed in the popup that they finished this setup. */
    personKept(id: AccountId): Promise<void> {
      return personKeeps(id);
    },
  };
}

/** The enrollment service's interface. */
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
