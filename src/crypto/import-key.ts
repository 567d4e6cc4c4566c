import { utf8Encode, wipe } from '../shared';
import { asBufferSource } from './buffer-source';
import { CryptoError } from './errors';
import { PBKDF2_MAX_ITERATIONS } from './kdf';

/** Hashes other apps' PBKDF2 derivations use. */
export type Pbkdf2Hash = 'SHA-1' | 'SHA-256' | 'SHA-512';

/** Parameters of another app's PBKDF2 derivation, as its export file records or implies them. */
export interface Pbkdf2AesParams {
  salt: Uint8Array;
  iterations: number;
  hash: Pbkdf2Hash;
}

/** Largest salt an import may bring: real ones are 16–256 bytes. */
export const IMPORT_MAX_SALT_BYTES = 1024;

/**
 * Derives the AES-256-GCM key another app's encrypted export was sealed with, by PBKDF2 over
 * the password's UTF-8 bytes exactly as typed (those apps do not normalise it), for
 * {@link openBox}. The key decrypts and encrypts and cannot be exported.
 *
 * Parameters come from untrusted files, so they are capped: at most
 * {@link PBKDF2_MAX_ITERATIONS} iterations and {@link IMPORT_MAX_SALT_BYTES} of salt;
 * anything else throws `CryptoError('invalid-parameters')`.
 * @see https://www.rfc-editor.org/rfc/rfc8018#section-5.2
 */
export async function derivePbkdf2AesKey(
  password: string,
  params: Pbkdf2AesParams,
): Promise<CryptoKey> {
  const { salt, iterations, hash } = params;
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > PBKDF2_MAX_ITERATIONS ||
    salt.length === 0 ||
    salt.length > IMPORT_MAX_SALT_BYTES ||
    !['SHA-1', 'SHA-256', 'SHA-512'].includes(hash)
  ) {
    throw new CryptoError('invalid-parameters');
  }
  const secret = utf8Encode(password);
  try {
    const material = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash, salt: asBufferSource(salt), iterations },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } finally {
    wipe(secret);
  }
}
