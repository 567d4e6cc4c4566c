import type { OtpAlgorithm } from './types';

/**
 * Shortest secret accepted: 10 bytes (80 bits, 16 base32 characters). RFC 4226 §4 R6
 * requires at least 128 bits and recommends 160, but 80-bit secrets are common in the
 * wild and refusing them would leave people unable to add real accounts; they are
 * accepted and flagged as weak instead.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-4
 */
export const MIN_SECRET_BYTES = 10;

/** Secrets shorter than this (128 bits) are accepted but reported as weak. */
export const STRONG_SECRET_BYTES = 16;

/**
 * Longest secret accepted: 256 bytes. Real secrets are 10–64 bytes (64 is RFC 6238's
 * SHA-512 seed). HMAC hashes any key longer than the hash's block size (at most 128 bytes,
 * for SHA-512) down to one digest, so longer keys add no strength (RFC 2104 §2); the cap only
 * bounds what a hostile QR code or paste can make Keyfob decode, store and seal, and keeps
 * every valid account's URI well under {@link MAX_URI_LENGTH} and a QR code's capacity.
 * @see https://www.rfc-editor.org/rfc/rfc2104#section-2
 */
export const MAX_SECRET_BYTES = 256;

/**
 * Longest otpauth:// URI accepted, in UTF-16 code units, checked before any other work.
 * The longest URI Keyfob itself can produce is about 2,800 characters (longest secret,
 * names of {@link MAX_NAME_BYTES} made entirely of percent-encoded bytes).
 */
export const MAX_URI_LENGTH = 4096;

/** Longest account name or issuer, in UTF-8 bytes (an email address is at most 254). */
export const MAX_NAME_BYTES = 256;

/** Code lengths Keyfob supports (RFC 4226 §5.3 asks for at least 6). */
export const MIN_DIGITS = 6;
/** @see MIN_DIGITS */
export const MAX_DIGITS = 8;

/** Time step bounds in seconds (RFC 6238 §5.2 recommends 30). */
export const MIN_PERIOD = 1;
/** @see MIN_PERIOD */
export const MAX_PERIOD = 300;

/**
 * Highest HOTP counter. RFC 4226 counters are 8 bytes, but a JavaScript number is exact
 * only up to 2^53 - 1, and no real token gets anywhere near it.
 */
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/** Hash functions Keyfob supports (RFC 6238 §1.2). */
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Defaults of the Key URI format and of nearly every issuer. */
export const OTP_DEFAULTS = Object.freeze({
  algorithm: 'SHA1' as OtpAlgorithm,
  digits: 6,
  period: 30,
});
