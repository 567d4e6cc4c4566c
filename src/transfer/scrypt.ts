import { scryptAsync } from '@noble/hashes/scrypt.js';
import { TransferError } from './errors';

/** scrypt cost parameters as a file states them (RFC 7914 §2). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * The most a file may ask of scrypt. A file is untrusted input: without a cap, a hostile one
 * asking for N = 2^30 would take gigabytes and minutes before "wrong password". The caps sit
 * well above what Keyfob (N = 2^17, r = 8) and Aegis (N = 2^15, r = 8) write.
 */
export const SCRYPT_LIMITS = Object.freeze({
  maxN: 2 ** 18,
  maxR: 16,
  maxP: 4,
  /** 128·N·r bytes of working memory: 256 MiB. */
  maxMemoryBytes: 2 ** 28,
  /** N·r·p, proportional to time: four times Keyfob's own cost. */
  maxWork: 2 ** 22,
});

/** True when the parameters are valid scrypt parameters within {@link SCRYPT_LIMITS}. */
export function isAcceptableScrypt({ N, r, p }: ScryptParams): boolean {
  const integers = [N, r, p].every((value) => Number.isSafeInteger(value) && value >= 1);
  return (
    integers &&
    N >= 2 &&
    (N & (N - 1)) === 0 &&
    N <= SCRYPT_LIMITS.maxN &&
    r <= SCRYPT_LIMITS.maxR &&
    p <= SCRYPT_LIMITS.maxP &&
    128 * N * r <= SCRYPT_LIMITS.maxMemoryBytes &&
    N * r * p <= SCRYPT_LIMITS.maxWork
  );
}

/**
 * Derives `length` key bytes with scrypt, yielding to the event loop as it goes so the
 * background stays responsive. Parameters outside {@link SCRYPT_LIMITS} are refused at once as
 * a `damaged-file`: no file Keyfob or Aegis writes asks for them.
 */
export async function deriveScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  length: number,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  if (!isAcceptableScrypt(params) || salt.length === 0) {
    throw new TransferError(
      'damaged-file',
      'The file asks for key-derivation settings Keyfob refuses.',
    );
  }
  return scryptAsync(password, salt, {
    ...params,
    dkLen: length,
    maxmem: SCRYPT_LIMITS.maxMemoryBytes + 1024 * 1024,
    ...(onProgress ? { onProgress } : {}),
  });
}
