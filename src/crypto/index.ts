/**
 * The one door to WebCrypto (docs/architecture.md §2): random bytes and ids, PBKDF2 passphrase
 * derivation, vault-key generation and wrapping, AES-256-GCM seal/open, and AES under raw
 * key bytes for backup formats.
 */
export { CryptoError, type CryptoErrorCode } from './errors';
export { randomBytes, randomId } from './random';
export { GCM_IV_BYTES, GCM_TAG_BYTES, openBox, sealBox, type SealedBox } from './aes-gcm';
export {
  KDF_ALGORITHM,
  KDF_SALT_BYTES,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MAX_ITERATIONS,
  derivePassphraseKey,
  type KdfParams,
} from './kdf';
export {
  IMPORT_MAX_SALT_BYTES,
  derivePbkdf2AesKey,
  type Pbkdf2AesParams,
  type Pbkdf2Hash,
} from './import-key';
export {
  VAULT_KEY_BYTES,
  exportVaultKey,
  generateVaultKey,
  importVaultKey,
  unwrapVaultKey,
  wrapVaultKey,
} from './vault-key';
export { aesCbcDecryptRaw, aesGcmDecryptRaw, aesGcmEncryptRaw } from './raw-aes';
