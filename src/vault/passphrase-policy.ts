/** Fewest characters (Unicode code points) a vault passphrase may have. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** Fewest different characters a vault passphrase may have. */
export const MIN_DISTINCT_CHARACTERS = 5;

/** Why a passphrase was refused. */
export type PassphraseProblem = 'too-short' | 'too-repetitive';

/** The verdict on a proposed passphrase, with a sentence fit to show the person. */
export type PassphraseVerdict =
  { ok: true } | { ok: false; problem: PassphraseProblem; message: string };

/**
 * Judges a new vault passphrase.
 *
 * The vault file can be copied off the disk and attacked offline, where only the passphrase
 * and PBKDF2 stand in the way, so length is what matters (NIST SP 800-63B: length over
 * composition rules). 12 characters is a short sentence or three random words. The
 * distinct-character floor only catches keyboard-mashing like `aaaaaaaaaaaa` or
 * `121212121212`; it is not an entropy estimate and does not pretend to be one.
 */
export function checkPassphrase(passphrase: string): PassphraseVerdict {
  const chars = [...passphrase.normalize('NFC')];
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    return {
      ok: false,
      problem: 'too-short',
      message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters — a short sentence or a few random words works well.`,
    };
  }
  if (new Set(chars).size < MIN_DISTINCT_CHARACTERS) {
    return {
      ok: false,
      problem: 'too-repetitive',
      message: `Use at least ${MIN_DISTINCT_CHARACTERS} different characters; repeating a few is easy to guess.`,
    };
  }
  return { ok: true };
}
