import { asBufferSource } from './buffer-source';
import { GCM_IV_BYTES, type SealedBox } from './aes-gcm';
import { CryptoError } from './errors';
import { randomBytes } from './random';

/** Length in bytes of a vault key (AES-256). */
export const VAULT_KEY_BYTES = 32;

/**
 * The vault key is extractable on purpose: wrapping under a new passphrase and parking it in
 * `storage.session` both need its raw bytes. It only ever leaves this module wrapped, or
 * through {@link exportVaultKey} for the session.
 */
const VAULT_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/** Generates a random AES-256-GCM vault key. */
export async function generateVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, VAULT_KEY_USAGES);
}

/**
 * Wraps the vault key under a passphrase-derived key with AES-GCM (fresh 96-bit IV, additional
 * data authenticated). The raw key bytes never enter JavaScript.
 */
export async function wrapVaultKey(
  vaultKey: CryptoKey,
  wrappingKey: CryptoKey,
  additionalData: Uint8Array,
): Promise<SealedBox> {
  const iv = randomBytes(GCM_IV_BYTES);
  const wrapped = await crypto.subtle.wrapKey('raw', vaultKey, wrappingKey, {
    name: 'AES-GCM',
    iv,
    additionalData: asBufferSource(additionalData),
    tagLength: 128,
  });
  return { iv, ciphertext: new Uint8Array(wrapped) };
}

/**
 * Unwraps a vault key sealed by {@link wrapVaultKey}. A wrong wrapping key (wrong passphrase)
 * or any change to the box or additional data throws `CryptoError('decrypt-failed')`.
 */
export async function unwrapVaultKey(
  box: SealedBox,
  wrappingKey: CryptoKey,
  additionalData: Uint8Array,
): Promise<CryptoKey> {
  if (box.iv.length !== GCM_IV_BYTES) throw new CryptoError('decrypt-failed');
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      asBufferSource(box.ciphertext),
      wrappingKey,
      {
        name: 'AES-GCM',
        iv: asBufferSource(box.iv),
        additionalData: asBufferSource(additionalData),
        tagLength: 128,
      },
      { name: 'AES-GCM', length: 256 },
      true,
      VAULT_KEY_USAGES,
    );
  } catch {
    throw new CryptoError('decrypt-failed');
  }
}

/** Raw bytes of the vault key, for `storage.session` only. The caller should wipe them. */
export async function exportVaultKey(vaultKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', vaultKey));
}

/**
 * Turns raw bytes from {@link exportVaultKey} back into a vault key. Checks only the length;
 * whether it is the right key is the vault's business (it holds a key-check value).
 */
export async function importVaultKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== VAULT_KEY_BYTES) throw new CryptoError('invalid-key');
  return crypto.subtle.importKey(
    'raw',
    asBufferSource(raw),
    { name: 'AES-GCM', length: 256 },
    true,
    VAULT_KEY_USAGES,
  );
}
