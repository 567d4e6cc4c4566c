import type { AccountView, CodeListing, ImportPreview, VaultState } from '../messaging';
import { t } from './i18n';

/** The views inside the unlocked vault. */
export type VaultView =
  | { name: 'list' }
  | { name: 'add' }
  | { name: 'edit'; account: AccountView }
  | { name: 'settings' }
  /** The preview of "Scan QR code on this page", waiting for the person's confirmation. */
  | { name: 'import'; preview: ImportPreview };

/** Every screen the popup can show: the states of its state machine. */
export type Screen =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'create' }
  | { name: 'unlock'; notice?: string }
  | {
      name: 'vault';
      view: VaultView;
      /** The listing that came with the vault's state, asked for and received when (popup clock). */
      first?: { listing: CodeListing; sentAt: number; receivedAt: number };
    };

/** Shown on the unlock screen when a request found the vault locked mid-session. */
export const lockedNotice = () => t('unlockLockedNotice');

/** The screen that matches what the background says about the vault. */
export function screenFor(state: VaultState): Screen {
  if (!state.exists) return { name: 'create' };
  if (!state.unlocked) return { name: 'unlock' };
  return { name: 'vault', view: { name: 'list' } };
}
