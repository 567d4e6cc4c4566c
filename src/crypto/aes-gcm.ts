import { asBufferSource } from './buffer-source';
import { CryptoError } from './errors';
import { randomBytes } from './random';

/** Length in bytes of an AES-GCM nonce: 96 bits, the size GCM is designed around. */
export const GCM_IV_BYTES = 12;

/** Length in bytes of the authentication tag appended to every ciphertext. */
export const GCM_TAG_BYTES = 16;

/** An AES-GCM ciphertext (tag appended) with the nonce it was sealed under. */
export interface SealedBox {
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * Encrypts and authenticates `plaintext` with AES-GCM under a fresh random 96-bit IV.
 * `additionalData` is authenticated but not stored: the caller must supply the same bytes
 * to {@link openBox}, which is what binds a ciphertext to its context.
 */
export async function sealBox(
  key: CryptoKey,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
): Promise<SealedBox> {
  const iv = randomBytes(GCM_IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: asBufferSource(additionalData), tagLength: 128 },
    key,
    asBufferSource(plaintext),
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * Verifies and decrypts a {@link SealedBox}. Any tampering with key, IV, ciphertext or
 * additional data throws `CryptoError('decrypt-failed')`; nothing unauthenticated is returned.
 * The caller owns the plaintext and should wipe it when done.
 */
export async function openBox(
  key: CryptoKey,
  box: SealedBox,
  additionalData: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (box.iv.length !== GCM_IV_BYTES || box.ciphertext.length < GCM_TAG_BYTES) {
    throw new CryptoError('decrypt-failed');
  }
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: asBufferSource(box.iv),
        additionalData: asBufferSource(additionalData),
        tagLength: 128,
      },
      key,
      asBufferSource(box.ciphertext),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new CryptoError('decrypt-failed');
  }
}
