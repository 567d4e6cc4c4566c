import { asBufferSource } from './buffer-source';
import { CryptoError } from './errors';
import { GCM_TAG_BYTES } from './aes-gcm';

/**
 * AES with raw key bytes, for backup formats (Keyfob's own, Aegis, Authenticator's) whose
 * keys come out of a KDF as bytes rather than as a WebCrypto key. Keys are imported for one
 * operation and never extractable.
 */
async function importRawKey(
  key: Uint8Array,
  name: 'AES-GCM' | 'AES-CBC',
  usage: KeyUsage,
): Promise<CryptoKey> {
  if (![16, 24, 32].includes(key.length)) throw new CryptoError('invalid-key');
  return crypto.subtle.importKey('raw', asBufferSource(key), name, false, [usage]);
}

function gcmParams(iv: Uint8Array, additionalData: Uint8Array): AesGcmParams {
  return {
    name: 'AES-GCM',
    iv: asBufferSource(iv),
    additionalData: asBufferSource(additionalData),
    tagLength: 128,
  };
}

/**
 * Encrypts with AES-GCM under a raw key and the given nonce; returns ciphertext with the
 * 128-bit tag appended. The caller must never reuse a nonce under the same key.
 */
export async function aesGcmEncryptRaw(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array = new Uint8Array(),
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await importRawKey(key, 'AES-GCM', 'encrypt');
  const out = await crypto.subtle.encrypt(
    gcmParams(iv, additionalData),
    cryptoKey,
    asBufferSource(plaintext),
  );
  return new Uint8Array(out);
}

/**
 * Verifies and decrypts AES-GCM (tag appended) under a raw key. A wrong key or any changed
 * byte throws `CryptoError('decrypt-failed')`; nothing unauthenticated is returned.
 */
export async function aesGcmDecryptRaw(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  additionalData: Uint8Array = new Uint8Array(),
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await importRawKey(key, 'AES-GCM', 'decrypt');
  if (iv.length === 0 || ciphertext.length < GCM_TAG_BYTES) throw new CryptoError('decrypt-failed');
  try {
    const out = await crypto.subtle.decrypt(
      gcmParams(iv, additionalData),
      cryptoKey,
      asBufferSource(ciphertext),
    );
    return new Uint8Array(out);
  } catch {
    throw new CryptoError('decrypt-failed');
  }
}

/**
 * Decrypts AES-CBC with PKCS#7 padding under a raw key. CBC has no authentication: a wrong
 * key is only noticed when the padding happens to be invalid (`decrypt-failed`), so callers
 * must check the plaintext's shape as well.
 */
export async function aesCbcDecryptRaw(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await importRawKey(key, 'AES-CBC', 'decrypt');
  if (iv.length !== 16 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new CryptoError('decrypt-failed');
  }
  try {
    const out = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: asBufferSource(iv) },
      cryptoKey,
      asBufferSource(ciphertext),
    );
    return new Uint8Array(out);
  } catch {
    throw new CryptoError('decrypt-failed');
  }
}
