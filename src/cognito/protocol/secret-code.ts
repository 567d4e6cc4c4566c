/**
 * Fewest base32 characters Keyfob accepts as a TOTP secret: 16 characters are 80 bits, the
 * shortest secret Cognito's AssociateSoftwareToken documents (its SecretCode has a minimum
 * length of 16).
 */
export const MIN_SECRET_CHARS = 16;

/** More characters than any real TOTP secret (Cognito's are 32); longer values are refused. */
export const MAX_SECRET_CHARS = 512;

/**
 * RFC 4648 base32 groups 40 bits into 8 characters; a final group of 1, 3 or 6 characters
 * cannot come from whole bytes, so a "secret" of such a length was never base32.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */
export const isWholeBytesLength = (length: number): boolean => ![1, 3, 6].includes(length % 8);

/**
 * A SecretCode as AssociateSoftwareToken returns it, normalised to the form `OtpParams.secret`
 * expects (upper case, no padding), or undefined when it is not a plausible base32 secret of
 * at least 16 characters. Wire values are exact: spaces or hyphens mean it is not base32.
 */
export function normaliseSecretCode(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_SECRET_CHARS) return undefined;
  if (!/^[A-Za-z2-7]+=*$/.test(value)) return undefined;
  const secret = value.replace(/=+$/, '').toUpperCase();
  if (secret.length < MIN_SECRET_CHARS || !isWholeBytesLength(secret.length)) return undefined;
  return secret;
}
