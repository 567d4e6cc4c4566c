import type { SenderPolicy } from '../messaging/server';
import type { ContentProtocolMap } from '../messaging/content-protocol';
import type { ProtocolMap } from '../messaging/protocol';

/** Every verb the background answers. */
export type BackgroundMap = ProtocolMap & ContentProtocolMap;

const PAGES = ['extension-page'] as const;
const CONTENT = ['content-script'] as const;

/**
 * Who may send what (docs/architecture.md §3 rule 5). Vault verbs are for the extension's own pages: a
 * content script never unlocks, lists or edits. Content verbs are for content scripts only.
 * Listing each verb keeps a new one closed until someone decides.
 */
export const SENDER_POLICY: SenderPolicy<BackgroundMap> = {
  getVaultState: PAGES,
  createVault: PAGES,
  unlockVault: PAGES,
  lockVault: PAGES,
  changePassphrase: PAGES,
  listCodes: PAGES,
  addAccountFromUri: PAGES,
  addAccount: PAGES,
  updateAccount: PAGES,
  deleteAccount: PAGES,
  restoreAccount: PAGES,
  pinAccount: PAGES,
  moveAccount: PAGES,
  nextHotpCode: PAGES,
  codeCopied: PAGES,
  getActiveTab: PAGES,
  fillActiveTab: PAGES,
  enrollActiveTab: PAGES,
  linkAccountToActiveTab: PAGES,
  unlinkAccount: PAGES,
  getAutoFillSites: PAGES,
  setAutoFill: PAGES,
  getSettings: PAGES,
  updateSettings: PAGES,
  getClock: PAGES,
  resetClock: PAGES,
  previewImport: PAGES,
  previewImage: PAGES,
  scanTabForQr: PAGES,
  commitImport: PAGES,
  discardImport: PAGES,
  exportAccounts: PAGES,
  revealAccount: PAGES,
  backupStatus: PAGES,
  taskProgress: PAGES,
  keepPendingAccount: PAGES,
  keepAccountForSite: PAGES,
  removePendingAccounts: PAGES,
  reportSetupScreen: CONTENT,
  reportVerifyOutcome: CONTENT,
  getPageConfig: CONTENT,
  requestSignInCode: CONTENT,
  loadPageHelper: CONTENT,
  warmUp: CONTENT,
};
