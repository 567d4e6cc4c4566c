import { generateCode } from '../otp';
import type { ContentProtocolMap } from '../messaging/content-protocol';
import type { Handlers } from '../messaging/server';
import type { SenderContext } from '../messaging/sender';
import { KeyfobError } from '../shared';
import type { VaultService } from '../vault';
import type { EnrollmentService, PageSender } from './enrollment';
import { readSetupReport, readVerifyOutcome } from './setup-report-input';
import type { SettingsStore } from './settings';
import type { TabsApi } from './tabs';

/**
 * Answers content scripts. The tab and origin always come from the browser's sender record;
 * only top frames are served, since setup and sign-in screens Keyfob helps with are pages of
 * their own and a framed page is the classic way to borrow someone else's origin.
 */
export function createContentHandlers(deps: {
  vault: VaultService;
  settings: SettingsStore;
  enrollment: EnrollmentService;
  tabs: Pick<TabsApi, 'loadHelper'>;
  now: () => number;
}): Handlers<ContentProtocolMap> {
  const { vault, settings, enrollment, tabs, now } = deps;

  return {
    async reportSetupScreen(data, sender) {
      return enrollment.reportSetup(readSetupReport(data), topFrame(sender));
    },

    async reportVerifyOutcome(data, sender) {
      return enrollment.reportOutcome(readVerifyOutcome(data), topFrame(sender));
    },

    async getPageConfig(_data, sender) {
      topFrame(sender);
      return { deviceName: (await settings.get()).deviceName };
    },

    async loadPageHelper(_data, sender) {
      // Only the bridge of a top frame asks; the browser checks host permission for the tab.
      await tabs.loadHelper(topFrame(sender).tabId);
      return { loaded: true };
    },

    async warmUp(_data, sender) {
      topFrame(sender);
      return {};
    },

    async requestSignInCode(_data, sender) {
      const page = topFrame(sender);
      if (!(await settings.get()).autoFillSignIn || !vault.isUnlocked()) return { code: null };
      const { accounts } = await vault.list();
      const matches = accounts.filter((a) => a.origin === page.origin && a.state === 'verified');
      // With two accounts on one site Keyfob cannot know which one is signing in: the popup asks.
      if (matches.length !== 1) return { code: null };
      return { code: await generateCode(matches[0]!.params, now()) };
    },
  };
}

function topFrame(sender: SenderContext): PageSender {
  if (sender.kind !== 'content-script' || sender.frameId !== 0) {
    throw new KeyfobError('sender-refused', 'That request is not allowed from here.');
  }
  return { tabId: sender.tabId, origin: sender.origin };
}
