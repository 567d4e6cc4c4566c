import type { OtpParams } from '../otp/types';

/**
 * Formats Keyfob reads, named by what wrote them. Recognised from the content, never from the
 * file name alone.
 */
export type ImportFormatId =
  | 'otpauth'
  | 'google-authenticator'
  | 'aegis'
  | '2fas'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | 'authenticator-extension'
  | 'keyfob';

/** Formats Keyfob writes. `keyfob` is the default and the only one that restores everything. */
export type ExportFormatId = 'keyfob' | 'aegis' | 'otpauth';

/** A file, or pasted text as a file named `pasted.txt`. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/** What the person gave besides the file. */
export interface ImportOptions {
  /** The file's password, for encrypted formats. */
  password?: string | undefined;
  /** Called now and then during long work (KDF, many entries), with a fraction 0–1. */
  onProgress?: (fraction: number) => void;
}

/** An entry the file holds but Keyfob can't take, and why, in plain words (no secret in it). */
export interface SkippedEntry {
  label: string;
  reason: string;
}

/**
 * What a Keyfob backup keeps about an account besides its OTP parameters. Other formats
 * carry none of this.
 */
export interface AccountDetails {
  /** Exact origin the account is bound to for sign-in fill. */
  origin?: string;
  /** The person bound `origin` by hand ("Use on this site"); absent when a setup set it. */
  linked?: true;
  state: 'verified' | 'pending' | 'replaced';
  order: number;
  createdAt: number;
  updatedAt: number;
  /** Shown at the top of the popup's list. */
  pinned?: true;
  /** When its code was last copied or filled (ms since the epoch), for "most recently used". */
  usedAt?: number;
  /** The person turned automatic sign-in fill on for `origin` with this account. */
  autoFill?: true;
}

/** The accounts a file holds, ready for the preview. Nothing has been written yet. */
export interface ImportResult {
  format: ImportFormatId;
  accounts: OtpParams[];
  skipped: SkippedEntry[];
  /** Keyfob backups only: `details[i]` belongs to `accounts[i]`. */
  details?: AccountDetails[];
}

/** One account to export: its parameters and, for Keyfob backups, what else it carries. */
export interface ExportAccount {
  params: OtpParams;
  details?: AccountDetails;
}

/** How to write an export. `password` is required for `keyfob` and `aegis`. */
export interface ExportOptions {
  format: ExportFormatId;
  password?: string | undefined;
  onProgress?: (fraction: number) => void;
}

/**
 * One import format: a cheap recogniser over the decoded text and a reader. `recognise` says
 * "this file is mine" (it may still turn out damaged); `read` parses, decrypts and validates.
 */
export interface ImportReader {
  id: ImportFormatId;
  recognise(text: string): boolean;
  read(text: string, options: ImportOptions): Promise<ImportResult>;
}
