import { md5 } from '@noble/hashes/legacy.js';
import { aesCbcDecryptRaw } from '../crypto';
import { utf8Encode, wipe } from '../shared';
import { decodeBase64Strict } from './encoding';

const MAGIC = utf8Encode('Salted__');
const SALT_BYTES = 8;
const KEY_BYTES = 32;
const IV_BYTES = 16;

/**
 * OpenSSL's `EVP_BytesToKey` with MD5 and one round: the key and IV that CryptoJS derives
 * from a passphrase and salt (`CryptoJS.AES.encrypt(text, passphrase)`).
 */
function bytesToKey(passphrase: Uint8Array, salt: Uint8Array): Uint8Array {
  const out = new Uint8Array(KEY_BYTES + IV_BYTES);
  let block = new Uint8Array();
  for (let filled = 0; filled < out.length; filled += block.length) {
    const input = new Uint8Array(block.length + passphrase.length + salt.length);
    input.set(block);
    input.set(passphrase, block.length);
    input.set(salt, block.length + passphrase.length);
    block = md5(input);
    out.set(block.subarray(0, out.length - filled), filled);
  }
  return out;
}

/**
 * Decrypts CryptoJS's passphrase mode (`CryptoJS.AES.encrypt(text, passphrase).toString()`):
 * base64 of `Salted__`, an 8-byte salt and AES-256-CBC ciphertext, key and IV from
 * {@link bytesToKey}. CBC has no authentication, so a wrong passphrase is noticed only by
 * bad padding or by the caller checking what comes out; returns `undefined` in either case
 * the decryption visibly fails.
 */
export async function decryptOpenSslSalted(
  text: string,
  passphrase: string,
): Promise<Uint8Array | undefined> {
  const bytes = decodeBase64Strict(text);
  const headerBytes = MAGIC.length + SALT_BYTES;
  if (!bytes || bytes.length <= headerBytes || MAGIC.some((b, i) => bytes[i] !== b)) {
    return undefined;
  }
  const material = bytesToKey(utf8Encode(passphrase), bytes.subarray(MAGIC.length, headerBytes));
  try {
    return await aesCbcDecryptRaw(
      material.subarray(0, KEY_BYTES),
      material.subarray(KEY_BYTES),
      bytes.subarray(headerBytes),
    );
  } catch {
    return undefined;
  } finally {
    wipe(material);
  }
}
