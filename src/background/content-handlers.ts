import type { ContentProtocolMap } from '../messaging/content-protocol';
import type { Handlers } from '../messaging/server';
import type { SenderContext } from '../messaging/sender';
import { KeyfobError } from '../shared';
import type { EnrollmentService, PageSender } from './enrollment';
import { readSetupReport, readVerifyOutcome } from './setup-report-input';
import type { SettingsStore } from './settings';
import type { SignInFill } from './sign-in-fill';
import type { TabsApi } from './tabs';

/**
 * Answers content scripts. The tab and origin always come from the browser's sender record;
 * only top frames are served, since setup and sign-in screens Keyfob helps with are pages of
 * their own and a framed page is the classic way to borrow someone else's origin.
 */
export function createContentHandlers(deps: {
  settings: SettingsStore;
  enrollment: EnrollmentService;
  tabs: Pick<TabsApi, 'loadHelper'>;
  signInFill: Pick<SignInFill, 'autoFillCode'>;
}): Handlers<ContentProtocolMap> {
  const { settings, enrollment, tabs, signInFill } = deps;

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
      // Without a gesture: sign-in fill checks that the person turned it on for this origin.
      return { code: await signInFill.autoFillCode(page.origin) };
    },
  };
}

function topFrame(sender: SenderContext): PageSender {
  if (sender.kind !== 'content-script' || sender.frameId !== 0) {
    throw new KeyfobError('sender-refused', 'That request is not allowed from here.');
  }
  return { tabId: sender.tabId, origin: sender.origin };
}
