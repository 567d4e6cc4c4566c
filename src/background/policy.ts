import type { SenderPolicy } from '../messaging/server';
import type { ProtocolMap } from '../messaging/protocol';

const PAGES = ['extension-page'] as const;

/**
 * Every vault verb is for the extension's own pages: a content script never unlocks, lists or
 * edits (DESIGN.md §3 rule 5). Listing each verb keeps a new one closed until someone decides.
 */
export const EXTENSION_PAGES_ONLY: SenderPolicy<ProtocolMap> = {
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
  nextHotpCode: PAGES,
  getSettings: PAGES,
  updateSettings: PAGES,
};
