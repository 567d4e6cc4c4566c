import type { VerifyEvidence, VerifySubmission } from '../cognito/protocol';
import { createMessageServer } from '../messaging/server';
import type { SenderInfo } from '../messaging/sender';
import type { Reply } from '../messaging/protocol';
import { KeyfobError, isKeyfobError, toErrorInfo } from '../shared';
import type { VaultStore } from '../vault';
import { createVaultService } from '../vault';
import { AUTO_LOCK_ALARM, createAutoLock, type AlarmsApi } from './auto-lock';
import { createContentHandlers } from './content-handlers';
import { createEnrollmentService, type EnrollmentService } from './enrollment';
import { createEnrollmentHandlers } from './enrollment-handlers';
import { createVaultHandlers } from './handlers';
import { SENDER_POLICY, type BackgroundMap } from './policy';
import { createSiteLinkHandlers } from './site-link-handlers';
import { createTabHandlers } from './tab-handlers';
import { createFillChoices } from './fill-choices';
import { createAutoFillHandlers } from './auto-fill-handlers';
import { createAutoFillSites, migrateGlobalAutoFill } from './auto-fill-sites';
import { createSignInFill, type GestureTab } from './sign-in-fill';
import { createBackupLog } from './backup-log';
import { createImportSessions } from './import-sessions';
import { createTaskProgress } from './task-progress';
import { createTransferHandlers } from './transfer-handlers';
import { createPassphraseGuard } from './passphrase-guard';
import { createClipboardJanitor, type ClipboardCleaner } from './clipboard-janitor';
import { commandTopFrame, type TabsApi } from './tabs';
import { createSessionKeyStore, type SessionArea } from './session-key';
import { createSettingsStore, type LocalArea } from './settings';
import { createCodeClock } from './code-clock';
import { createBackgroundText, type BackgroundTextDeps } from './background-text';
import type { ServerTimeReading } from '../otp';
import { createAnswersInFlight } from './answers-in-flight';

/** What the background needs from the browser, injected so tests can run it in Node. */
export interface BackgroundDeps {
  session: SessionArea;
  local: LocalArea;
  alarms: AlarmsApi;
  openStore: () => Promise<VaultStore>;
  tabs: TabsApi;
  decodeQr: (dataUrl: string) => Promise<string | null>;
  /** Every QR code's text in an image (imports from images and "Scan QR code on this page"). */
  decodeQrImage: (image: Blob) => Promise<string[]>;
  /** Our extension id and origin, as the browser reports them. */
  ours: { id: string; origin: string };
  now?: () => number;
  /** PBKDF2 iterations for new vaults; only tests lower it. */
  iterations?: number;
  /** Waits on the background's clock (a fill waits out a code about to expire); tests move a fake one. */
  sleep?: (ms: number) => Promise<void>;
  /** The system clipboard, for clearing expired codes; without it nothing is cleared. */
  clipboard?: ClipboardCleaner;
  /** The extension's own `_locales/<locale>/messages.json`, for what the background says. */
  loadCatalogue: BackgroundTextDeps['loadCatalogue'];
  /** The language the browser picked for Keyfob, for the Language setting "browser". Default English. */
  browserLanguage?: () => string;
}

/** What became of a fill asked for by keyboard command or context menu. */
export type GestureOutcome = 'filled' | 'locked' | 'refused';

/** How long a fill asked for while locked waits for the person to unlock. */
const WAITING_FILL_MS = 2 * 60 * 1000;

/**
 * One background instance: the vault, its parked session key, auto-lock and the message
 * server. A service worker restart is a new instance over the same storage.
 */
export function createBackground(deps: BackgroundDeps) {
  const { session, local, alarms, ours } = deps;
  const now = deps.now ?? Date.now;
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sessionKey = createSessionKeyStore(session);
  const settings = createSettingsStore(local);
  // Parsed imports hold secrets: they live in this instance's memory and go with every lock.
  const imports = createImportSessions({ now });
  const passphraseGuard = createPassphraseGuard({ local, now });
  // Cognito answers the browser saw leave a tab and not yet come back: a setup's code waits
  // for their Date (./server-date-listener).
  const answers = createAnswersInFlight({ now, sleep });
  // Badge titles, the menu item and setup notices follow Keyfob's Language setting.
  const text = createBackgroundText({
    local,
    browserLanguage: deps.browserLanguage ?? (() => 'en'),
    loadCatalogue: deps.loadCatalogue,
  });

  const ready = (async () => {
    const vault = createVaultService({
      store: await deps.openStore(),
      now,
      ...(deps.iterations ? { iterations: deps.iterations } : {}),
    });
    await text.load();
    // Every code, its validity and the popup's countdown go by this clock.
    const clock = createCodeClock({ local, now, vaultId: () => vault.vaultId() });
    await clock.load();
    const codeNow = () => clock.codeNow();
    const clipboardJanitor = createClipboardJanitor({
      cleaner: deps.clipboard ?? { clearIfHolds: async () => {} },
      now: codeNow,
    });
    const autoLock = createAutoLock({
      session,
      alarms,
      now,
      idleMinutes: async () => (await settings.get()).autoLockMinutes,
      lock: async () => {
        vault.lock();
        imports.clear();
        await sessionKey.clear();
        await autoLock.clear();
      },
    });
    await restoreSession();
    const autoFillSites = createAutoFillSites(local);
    const migrateAutoFill = () =>
      migrateGlobalAutoFill({ legacy: settings.legacyAutoFill, vault, sites: autoFillSites });
    await migrateAutoFill().catch(() => {});

    async function restoreSession(): Promise<void> {
      const raw = await sessionKey.load();
      if (!raw) return;
      try {
        if (await autoLock.lockIfDue()) return;
        await vault.unlockWithSessionKey(raw);
      } catch {
        // A parked key that no longer opens this vault is dropped; the person unlocks again.
        await sessionKey.clear();
      } finally {
        raw.fill(0);
      }
    }

    const { tabs } = deps;
    const enrollment = createEnrollmentService({
      vault,
      settings,
      now,
      codeNow,
      answersSettled: answers.settledFor,
      decodeQr: deps.decodeQr,
      onWaitingForUnlock: (tabId) => tabs.setBadge(tabId, '!', text.t('badgeUnlockToSetUp')),
      showRefusals: (tabId, refusals) =>
        refusals === 0
          ? tabs.setBadge(tabId, '')
          : tabs.setBadge(tabId, '✕', text.t('badgeCodeRefused')),
    });
    const signInFill = createSignInFill({
      vault,
      tabs,
      choices: createFillChoices(local),
      autoFill: autoFillSites,
      now: codeNow,
      sleep,
    });
    // A keyboard command or menu click that came while the vault was locked.
    let waitingFill: { tabId: number; until: number } | undefined;

    async function fillOnGesture(tab: GestureTab, frameId: number): Promise<GestureOutcome> {
      try {
        // The command fills the page itself; a field in a frame inside it is never filled.
        if (frameId !== 0) {
          throw new KeyfobError(
            'fill-refused',
            'Keyfob fills codes into the page itself, not into frames inside it.',
          );
        }
        // The browser may leave out the URL; the tab in front, which the gesture made
        // visible to Keyfob (activeTab), has it.
        const active = tab.url ? tab : await tabs.activeTab();
        await signInFill.fillTab(active?.id === tab.id ? active : tab);
        await tabs.setBadge(tab.id, '');
        return 'filled';
      } catch (error) {
        if (isKeyfobError(error, 'vault-locked')) {
          waitingFill = { tabId: tab.id, until: now() + WAITING_FILL_MS };
          await tabs.setBadge(tab.id, '!', text.t('badgeUnlockToFill'));
          return 'locked';
        }
        await tabs.setBadge(tab.id, '!', text.error(error));
        return 'refused';
      }
    }

    const onUnlocked = async () => {
      // Once: the old single switch becomes a choice per site, now that origins can be read.
      await migrateAutoFill().catch(() => {});
      // Setups that waited for the passphrase run again; the page reports afresh.
      for (const tabId of enrollment.takeWaitingTabs()) {
        await tabs.setBadge(tabId, '').catch(() => {});
        await commandTopFrame(tabs, tabId, { keyfob: 1, command: 'scanForSetup' }).catch(() => {});
      }
      // A fill asked for while locked goes ahead if its tab is still the one in front.
      const waiting = waitingFill;
      waitingFill = undefined;
      const tab = waiting && now() <= waiting.until ? await tabs.activeTab() : null;
      if (tab?.id === waiting?.tabId && tab) await fillOnGesture(tab, 0);
    };
    const server = createMessageServer<BackgroundMap>({
      handlers: {
        ...createVaultHandlers({
          vault,
          sessionKey,
          settings,
          autoLock,
          clock,
          wallNow: now,
          // Worded when the popup asks, so a notice follows a language chosen after it came.
          notices: () =>
            enrollment.notices().map(({ origin, messageKey, atMs }) => ({
              origin,
              message: text.t(messageKey),
              atMs,
            })),
          onUnlocked,
          onLocked: () => imports.clear(),
          onRemoved: (account) => enrollment.personRemoved(account),
          passphraseGuard,
          clipboardJanitor,
          beforeList: () => enrollment.expire(),
        }),
        ...createEnrollmentHandlers({ vault, enrollment }),
        ...createTransferHandlers({
          vault,
          imports,
          backups: createBackupLog(local),
          autoFill: autoFillSites,
          tabs,
          decodeQrImage: deps.decodeQrImage,
          passphraseGuard,
          progress: createTaskProgress(),
          now,
        }),
        ...createTabHandlers({
          vault,
          tabs,
          signInFill,
          onEnrollRequested: (origin) => enrollment.enrollRequested(origin),
          wallNow: now,
        }),
        ...createSiteLinkHandlers({
          vault,
          tabs,
          now,
          onUnlinked: (id) => autoFillSites.remove([id]),
        }),
        ...createAutoFillHandlers({ vault, sites: autoFillSites }),
        ...createContentHandlers({ settings, enrollment, tabs, signInFill }),
      },
      policy: SENDER_POLICY,
      ours,
      beforeEach: async (name, data, sender) => {
        // Pages only ever see a locked vault expire; they never keep it open.
        if (sender.kind === 'content-script') {
          await autoLock.lockIfDue();
          return;
        }
        if (await autoLock.lockIfDue()) return;
        // The person's activity moves the deadline on, but the answer does not wait for the
        // new deadline to be read and stored: three browser calls in a row that the popup's
        // first answer waited on (issue 10). A touch that fails leaves the earlier deadline.
        if (vault.isUnlocked() && !isPassive(name, data)) void autoLock.touch().catch(() => {});
      },
    });
    return { server, autoLock, vault, fillOnGesture, enrollment, clock };
  })();

  /** Hands the browser's record of a setup request to enrollment. Never rejects. */
  async function witness(task: (enrollment: EnrollmentService) => Promise<void>): Promise<void> {
    try {
      await task((await ready).enrollment);
    } catch {
      // What could not be matched proves nothing; the account stays pending.
    }
  }

  return {
    /** Resolves once the vault is open for business (and a parked key restored). */
    ready,
    /** Answers one runtime message. Never rejects: failures become error replies. */
    async handleMessage(message: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
      try {
        return await (await ready).server.handle(message, sender);
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    },
    /**
     * Fills the sign-in code into `tab` for the keyboard command or the context menu (clicked
     * in frame `frameId`). Locked: the fill waits for the person to unlock. The outcome is
     * also on the tab's badge.
     */
    async handleFillGesture(tab: GestureTab, frameId = 0): Promise<GestureOutcome> {
      return (await ready).fillOnGesture(tab, frameId);
    },
    /**
     * A tab sent codes to Cognito (./verify-listener): none of them is filled again before
     * the answer. Never rejects.
     */
    handleSubmission(submission: VerifySubmission): Promise<void> {
      return witness((enrollment) => enrollment.submitted(submission));
    },
    /** What the browser saw of a tab's VerifySoftwareToken (./verify-listener). Never rejects. */
    handleVerifyEvidence(evidence: VerifyEvidence): Promise<void> {
      return witness((enrollment) => enrollment.observed(evidence));
    },
    /** A tab's request with codes ended without an answer about them. Never rejects. */
    handleRelease(submission: VerifySubmission): Promise<void> {
      return witness((enrollment) => enrollment.released(submission));
    },
    /** A tab sent a request whose answer may carry Cognito's clock (./server-date-listener). */
    handleServerRequest(tabId: number, requestId: string): void {
      answers.left(tabId, requestId);
    },
    /** That request failed: no answer will come. */
    handleServerRequestFailed(requestId: string): void {
      answers.settled(requestId);
    },
    /**
     * A Cognito answer's `Date` header as the browser saw it arrive (./server-date-listener):
     * the codes' clock may move to the server's. Pages have no say in this. The request it
     * answered is settled once the clock has moved, so a setup that waited for it gets the
     * server's code. Never rejects.
     */
    async handleServerTime(reading: ServerTimeReading | null, requestId?: string): Promise<void> {
      try {
        if (reading) await (await ready).clock.observe(reading);
      } catch {
        // An offset that could not be stored is learned again from the next answer.
      } finally {
        if (requestId !== undefined) answers.settled(requestId);
      }
    },
    /** The context-menu item's title, in Keyfob's language. */
    async fillMenuTitle(): Promise<string> {
      await ready;
      return text.t('menuFillCode');
    },
    /**
     * The Language setting changed: what the background says follows it from now on. Resolves
     * with the context-menu item's new title.
     */
    async handleLanguageChange(): Promise<string> {
      await ready;
      await text.load();
      return text.t('menuFillCode');
    },
    /** Routes an alarm; only the auto-lock alarm is ours. */
    async handleAlarm(name: string): Promise<void> {
      if (name === AUTO_LOCK_ALARM) await (await ready).autoLock.lockIfDue();
    },
  };
}

/** Requests that do not count as user activity for auto-lock. */
function isPassive(name: keyof BackgroundMap, data: unknown): boolean {
  // Opening the popup (state with codes) is the person's doing, as their first listing was.
  if (name === 'getVaultState') return (data as { withCodes?: unknown }).withCodes !== true;
  return name === 'listCodes' && (data as { refresh?: unknown }).refresh === true;
}
