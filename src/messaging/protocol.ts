import type { AccountId, ErrorInfo } from '../shared';
import { ACCOUNT_SORTS, type AccountSort } from '../shared/sort-accounts';
import type { OtpAlgorithm, OtpType } from '../otp/types';
import type { AccountStatus } from '../vault';
import type { EnvelopeOf, VerbData, VerbValue } from './protocol-types';

/** What the popup may know about the vault itself. */
export interface VaultState {
  /** A vault has been created on this profile. */
  exists: boolean;
  unlocked: boolean;
  /** Idle minutes before the vault locks itself. */
  autoLockMinutes: number;
  /**
   * The unlocked vault's listing, when `getVaultState` was asked `withCodes`: the popup opens
   * on one round trip.
   */
  listing?: CodeListing;
}

/** The vault's enrollment status of an account, as the popup sees it too. */
export type { AccountStatus };

/**
 * One account as the popup sees it: who it is for and its current code. Never the secret
 * (docs/architecture.md §1).
 */
export interface AccountView {
  id: AccountId;
  issuer?: string;
  account: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  /** Current code (TOTP) or the code for the current counter (HOTP). */
  code: string;
  /** TOTP: when the current code stops being valid, in ms since the epoch (background clock). */
  validUntilMs?: number;
  /**
   * TOTP: the code of the next time step, valid from `validUntilMs` for one period. Sent with
   * the current one (a code is not a secret) so the popup switches at the boundary by itself.
   */
  nextCode?: string;
  /** The secret is shorter than 128 bits: it works, but the popup warns. */
  weak: boolean;
  status: AccountStatus;
  /** Exact origin the account was enrolled on, if any. */
  origin?: string;
  /** The person linked it to `origin` ("Use on this site") rather than setting it up there. */
  linked?: true;
  /** Kept at the top of the list. */
  pinned: boolean;
  /** Place in the person's own order ("by hand"), ascending; any finite number. */
  order: number;
  /** When its code was last copied or filled (ms since the epoch), if ever. */
  usedAtMs?: number;
}

export { ACCOUNT_SORTS, type AccountSort };

/** The account list with codes, plus ids of records that could not be opened. */
export interface CodeListing {
  accounts: AccountView[];
  /** Records that failed to decrypt or decode: kept on disk, reported, never dropped. */
  damaged: AccountId[];
  /**
   * The codes' clock when they were computed (the background's, plus the learned clock
   * offset), so the popup can time its countdown by it.
   */
  nowMs: number;
  /** The learned clock offset the codes include (ms; positive: the site's clock is ahead). */
  clockOffsetMs: number;
  /** Recent messages about Cognito setups (a refused code, an expired session), newest first. */
  notices: { origin: string; message: string; atMs: number }[];
  /** The person's sort choice, sent along so the first paint is already in that order. */
  sort: AccountSort;
  /**
   * Present when `accounts` is only the beginning of the list: the popup's opening request asks
   * a long list for its first rows (`firstRows`), so that its first paint waits for no other
   * account's codes, and asks for the whole listing right after. Those rows are the list as the
   * popup shows it (pinned first, then in `sort` order), and `unsent` counts the list's rows
   * left out. Replaced accounts, folded away below the list, come only with the whole listing.
   */
  unsent?: number;
}

/** The tab the popup was opened over, as far as Keyfob may know it (activeTab). */
export interface ActiveTabInfo {
  /** Exact origin of the tab's page, when the browser lets Keyfob see it. */
  origin: string | null;
  /** Accounts enrolled on exactly that origin, whose code the popup can fill. */
  accountIds: AccountId[];
}

/** Fields a person types to add an account by hand. */
export interface ManualAccountInput {
  issuer?: string;
  account: string;
  secret: string;
  type?: OtpType;
  algorithm?: OtpAlgorithm;
  digits?: number;
  period?: number;
  counter?: number;
}

/** Longest auto-lock delay the background accepts (one day); the settings form shows it. */
export const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/**
 * The optional permissions clearing the clipboard needs (setting `clearClipboard`): the options
 * page asks for them when the person turns it on, the background checks them before clearing.
 */
export const CLIPBOARD_PERMISSIONS = ['clipboardRead', 'clipboardWrite'];

/** How extension pages pick light or dark: follow the system, or one of them always. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** User preferences kept by the background. */
export interface Settings {
  autoLockMinutes: number;
  /** FriendlyDeviceName Keyfob gives Cognito when the page offers no name of its own. */
  deviceName: string;
  /** Submit the setup form after filling (off: the person presses the page's own button). */
  autoSubmitSetup: boolean;
  /** Empty the clipboard when a copied code expires, if it still holds that code. */
  clearClipboard: boolean;
  /** Light or dark pages: `system` follows `prefers-color-scheme`. */
  theme: Theme;
  /** How the popup's list is sorted (pinned accounts always come first). */
  accountSort: AccountSort;
}

/**
 * How far the codes' clock is from this computer's, learned from Cognito's answers. Not secret,
 * kept per vault.
 */
export interface ClockStatus {
  /** Added to this computer's clock for every code (ms; positive: the site is ahead). */
  offsetMs: number;
  /** Host whose answer taught it; absent while the offset is zero. */
  learnedFrom?: string;
  /** When it was learned (ms since the epoch, this computer's clock). */
  learnedAtMs?: number;
}

/** One account an import found, as the preview shows it: who it is for, never its secret. */
export interface ImportPreviewEntry {
  issuer?: string;
  account: string;
  type: OtpType;
  digits: number;
  /** An account with the same secret is already in Keyfob (or earlier in this import). */
  duplicate: boolean;
}

/** What an import would add, kept by the background under `importId` until committed. */
export interface ImportPreview {
  importId: string;
  /** The format Keyfob recognised, e.g. `aegis` or `google-authenticator`. */
  format: string;
  accounts: ImportPreviewEntry[];
  /** Entries the file holds that Keyfob can't take, with the reason in plain words. */
  skipped: { label: string; reason: string }[];
}

/** File formats Keyfob exports: its own backup (default), Aegis, or a plain otpauth list. */
export type ExportFormat = 'keyfob' | 'aegis' | 'otpauth';

/** An export ready to download: the file's name, type and bytes (base64: messages are JSON). */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  data: string;
  /** How many accounts the file holds. */
  count: number;
}

/** Whether the person should make a backup. Nothing secret: counts and a time. */
export interface BackupStatus {
  /** When the last backup was made (ms since the epoch), or null if never. */
  lastBackupAt: number | null;
  /** Accounts in the vault. */
  accounts: number;
  /** Accounts added since the last backup (all of them when never backed up). */
  addedSince: number;
}

/** One account's secret, for its QR/secret view: the one answer that carries a secret. */
export interface RevealedAccount {
  secret: string;
  /** The account as an otpauth:// URI, for a QR code another app can scan. */
  uri: string;
}

/**
 * Every request the extension pages may send to the background: one verb each, one data
 * object in, one value out (style of @webext-core/messaging). The background answers with a
 * {@link Reply}.
 */
export interface ProtocolMap {
  /**
   * The vault's state; `withCodes` (the popup opening): with the listing when unlocked, only its
   * first `firstRows` rows when there are more (see CodeListing.unsent).
   */
  getVaultState(data: { withCodes?: boolean; firstRows?: number }): VaultState;
  createVault(data: { passphrase: string; confirmation: string }): VaultState;
  unlockVault(data: { passphrase: string }): VaultState;
  lockVault(data: Record<string, never>): VaultState;
  changePassphrase(data: { current: string; next: string; confirmation: string }): VaultState;
  /**
   * The accounts with current codes. `refresh` marks the popup's own timed re-fetch at a period
   * boundary, which is not user activity and so does not postpone auto-lock.
   */
  listCodes(data: { refresh?: boolean }): CodeListing;
  addAccountFromUri(data: { uri: string }): AccountView;
  addAccount(data: ManualAccountInput): AccountView;
  updateAccount(data: { id: AccountId; issuer?: string; account?: string }): AccountView;
  /**
   * Deletes an account. The sealed record is kept in background memory for a short while (not
   * across a lock or restart), so that {@link ProtocolMap.restoreAccount} can undo it.
   */
  deleteAccount(data: { id: AccountId }): { deleted: true };
  /** Undo of a recent delete: the same sealed record goes back. `undo-expired` when too late. */
  restoreAccount(data: { id: AccountId }): AccountView;
  /** Pins an account to the top of the list, or unpins it. */
  pinAccount(data: { id: AccountId; pinned: boolean }): AccountView;
  /** Moves an account in the person's own order: `order` is its new place (see AccountView). */
  moveAccount(data: { id: AccountId; order: number }): AccountView;
  /** HOTP only: moves the counter on and returns the next code. */
  nextHotpCode(data: { id: AccountId }): AccountView;
  /**
   * The popup copied this code of the account: with "clear clipboard" on, the background
   * empties the clipboard when the code expires, if it still holds it. When, or null.
   */
  codeCopied(data: { id: AccountId; code: string }): { clearAtMs: number | null };
  /** Which enrolled accounts belong to the page the popup was opened over. */
  getActiveTab(data: Record<string, never>): ActiveTabInfo;
  /** Fills an account's current code into the active tab, if its origin is the enrolled one. */
  fillActiveTab(data: { id: AccountId }): { filled: true };
  /**
   * "Use on this site": links an account to the exact origin of the active tab, as the
   * background reads it from the browser (never from this message). `shownOrigin` is the
   * origin the person saw and confirmed: if the tab has moved on since, nothing is linked.
   * Only a verified account without an origin, only on an http(s) page.
   */
  linkAccountToActiveTab(data: { id: AccountId; shownOrigin: string }): AccountView;
  /** "Unlink from <origin>": the account is no longer offered or filled by sign-in fill. */
  unlinkAccount(data: { id: AccountId }): AccountView;
  /** "Enroll on this page": runs the setup detector in the active tab now (activeTab grant). */
  enrollActiveTab(data: Record<string, never>): { started: true };
  /**
   * The exact origins where the person turned automatic sign-in fill on (needs the vault
   * unlocked: which sites they are is sealed in it).
   */
  getAutoFillSites(data: Record<string, never>): { origins: string[] };
  /**
   * Turns automatic sign-in fill on or off for one exact origin (scheme, host, port). On covers
   * the verified accounts bound to that origin (`no-account` without one); off, every account
   * there. Answers the origins where it is now on.
   */
  setAutoFill(data: { origin: string; on: boolean }): { origins: string[] };
  getSettings(data: Record<string, never>): Settings;
  updateSettings(data: Partial<Settings>): Settings;
  /** The clock offset Keyfob adds to this computer's clock for codes, and where it came from. */
  getClock(data: Record<string, never>): ClockStatus;
  /** Forgets the learned clock offset: codes go by this computer's clock again. */
  resetClock(data: Record<string, never>): ClockStatus;
  /**
   * Reads an export file or pasted text (`pasted.txt`) in the background and answers with a
   * preview. `data` is the file's bytes in base64. Throws `password-required` or
   * `wrong-password` for encrypted files: send again with `password`. `taskId`, a random
   * token the page picks, lets it follow the work with {@link ProtocolMap.taskProgress}.
   */
  previewImport(data: {
    name: string;
    data: string;
    password?: string;
    taskId?: string;
  }): ImportPreview;
  /** Decodes every QR code in an image (base64 bytes) and previews them as one import. */
  previewImage(data: { data: string }): ImportPreview;
  /** "Scan QR code on this page": captures the visible tab and previews its QR codes. */
  scanTabForQr(data: Record<string, never>): ImportPreview;
  /** Adds the chosen accounts of a preview, all in one step (all or nothing). */
  commitImport(data: { importId: string; selected: number[]; taskId?: string }): { added: number };
  /** Forgets a preview the person cancelled. */
  discardImport(data: { importId: string }): { discarded: true };
  /**
   * Writes every account to a file. Always re-asks the vault passphrase; `password` encrypts
   * the file (Keyfob backup and Aegis), defaulting to the vault passphrase.
   */
  exportAccounts(data: {
    format: ExportFormat;
    passphrase: string;
    password?: string;
    taskId?: string;
  }): ExportFile;
  /**
   * How far the long request sent with `taskId` has come (the KDF of an encrypted file, the
   * sealing of a large import), 0–1; null when no such request is running.
   */
  taskProgress(data: { taskId: string }): { fraction: number | null };
  /** One account's secret and otpauth URI, after the vault passphrase again. */
  revealAccount(data: { id: AccountId; passphrase: string }): RevealedAccount;
  /** Never backed up, or accounts added since the last backup. */
  backupStatus(data: Record<string, never>): BackupStatus;
  /** "Did you finish setting up …?" Keep: the person's word makes a pending account verified. */
  keepPendingAccount(data: { id: AccountId }): { kept: true };
  /**
   * Two verified accounts for one name on one origin: keep this one; the others become
   * `replaced` (kept, folded away).
   */
  keepAccountForSite(data: { id: AccountId }): { kept: true };
  /** "Remove all pending": removes every pending account. */
  removePendingAccounts(data: Record<string, never>): { removed: number };
}

/** A message verb. */
export type MessageName = keyof ProtocolMap;
/** The data a verb takes. */
export type MessageData<N extends MessageName> = VerbData<ProtocolMap, N>;
/** The value a verb answers with. */
export type MessageValue<N extends MessageName> = VerbValue<ProtocolMap, N>;

/** The envelope on the wire. */
export type Envelope<N extends MessageName = MessageName> = EnvelopeOf<ProtocolMap, N>;

/** The answer on the wire: a value, or an error that is safe to show (code and message only). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
