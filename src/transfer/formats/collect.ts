import { isOtpError } from '../../otp/errors';
import type { OtpParams } from '../../otp/types';
import type { SkippedEntry } from '../types';

/** Longest label a skipped entry shows: enough to recognise it, short enough for one line. */
const MAX_LABEL_LENGTH = 80;

/** Accounts read so far and the entries left out, with why. */
export interface Collector {
  accounts: OtpParams[];
  skipped: SkippedEntry[];
  /**
   * Adds the account `build` makes. When it throws an OtpError (a secret, name or parameter
   * Keyfob refuses), the entry is skipped with that error's message, which never quotes the
   * secret; any other error is a bug and is thrown on.
   */
  add(label: string, build: () => OtpParams): void;
  /** Leaves an entry out, with a reason in plain words (never the secret). */
  skip(label: string, reason: string): void;
}

/** A fresh {@link Collector}. */
export function createCollector(): Collector {
  const accounts: OtpParams[] = [];
  const skipped: SkippedEntry[] = [];
  const skip = (label: string, reason: string) => {
    skipped.push({ label: cleanLabel(label), reason });
  };
  return {
    accounts,
    skipped,
    skip,
    add(label, build) {
      try {
        accounts.push(build());
      } catch (error) {
        if (!isOtpError(error)) throw error;
        skip(label, error.message);
      }
    },
  };
}

/**
 * How a person recognises an entry in the list of skipped ones: "Issuer (account)", either
 * name alone, or `fallback` ("Entry 3", "Line 7") when the file names it not at all.
 */
export function entryLabel(issuer: unknown, account: unknown, fallback: string): string {
  const names = [issuer, account].map((n) => (typeof n === 'string' ? n.trim() : ''));
  const [first, second] = names;
  if (first && second) return `${first} (${second})`;
  return first || second || fallback;
}

/** One line of plain text: no control or bidi characters, at most {@link MAX_LABEL_LENGTH}. */
function cleanLabel(label: string): string {
  const flat = label.replace(/[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
  return flat.length > MAX_LABEL_LENGTH ? `${flat.slice(0, MAX_LABEL_LENGTH - 1)}…` : flat;
}
