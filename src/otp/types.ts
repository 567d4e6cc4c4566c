/** HMAC hash functions an account may use (RFC 6238 §1.2). */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * Time-based (`totp`), counter-based (`hotp`) or Steam Guard (`steam`: time-based, SHA1, 30 s,
 * 5 characters from Steam's alphabet) one-time passwords.
 */
export type OtpType = 'totp' | 'hotp' | 'steam';

/**
 * Everything needed to compute an account's codes and to show who it belongs to.
 * This is the open, in-memory shape: it holds the secret and never leaves the background.
 */
export interface OtpParams {
  type: OtpType;
  /**
   * Normalised base32: upper case, no spaces, hyphens or padding, unused trailing bits zero
   * (see `normaliseSecret`), so one key always has one spelling.
   */
  secret: string;
  /**
   * The account name, e.g. an email address (the part after `issuer:` in the label). Trimmed;
   * may be empty only when `issuer` is set.
   */
  account: string;
  issuer?: string;
  algorithm: OtpAlgorithm;
  /** 6, 7 or 8; always 5 for Steam Guard (characters, not digits). */
  digits: number;
  /**
   * Seconds per time step, 1–300 (TOTP; 30 for Steam). Kept at 30 for HOTP so the shape stays
   * uniform.
   */
  period: number;
  /** Moving factor; required for HOTP, absent for TOTP. */
  counter?: number;
}
