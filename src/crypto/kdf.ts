import { utf8Encode, wipe } from '../shared';
import { asBufferSource } from './buffer-source';
import { CryptoError } from './errors';

/** Name of the one key-derivation function Keyfob uses, as recorded in vault headers. */
export const KDF_ALGORITHM = 'PBKDF2-HMAC-SHA256';

/**
 * Default and recommended PBKDF2-HMAC-SHA256 iteration count (OWASP 2023, docs/architecture.md §3
 * rule 2). About 160 ms in Node 20 on the build machines, ~105 ms in Chromium.
 */
export const PBKDF2_DEFAULT_ITERATIONS = 600_000;

/**
 * Upper bound on iterations we agree to run. A header is untrusted input: without a cap, a
 * tampered count could stall the background for hours on unlock.
 */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;

/** Length in bytes of a fresh KDF salt. */
export const KDF_SALT_BYTES = 16;

/** Parameters of a passphrase derivation. */
export interface KdfParams {
  salt: Uint8Array;
  iterations: number;
}

/**
 * Derives the key-encryption key from a passphrase: PBKDF2-HMAC-SHA256 to a 256-bit AES-GCM
 * key that can only wrap and unwrap keys and cannot be exported.
 *
 * The passphrase is NFC-normalised first, so the same words typed on systems that compose
 * accents differently (macOS gives NFD) still open the vault.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8018#section-5.2
 */
export async function derivePassphraseKey(
  passphrase: string,
  params: KdfParams,
): Promise<CryptoKey> {
  const { salt, iterations } = params;
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > PBKDF2_MAX_ITERATIONS ||
    salt.length === 0
  ) {
    throw new CryptoError('invalid-parameters');
  }
  const secret = utf8Encode(passphrase.normalize('NFC'));
  try {
    const material = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: asBufferSource(salt), iterations },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['wrapKey', 'unwrapKey'],
    );
  } finally {
    wipe(secret);
  }
}
