import { argon2idAsync } from '@noble/hashes/argon2.js';
import { isRecord, toBase64, toHex, utf8Decode, utf8Encode } from '../../shared';
import { parseJsonBytes } from '../json';
import { decryptOpenSslSalted } from '../openssl-salted';

/**
 * Authenticator's Argon2id settings for its v3 encryption keys (`src/argon.ts`): fixed in
 * its code, not read from the file, so a file cannot make Keyfob do more work.
 */
const ARGON2 = { t: 2, m: 19 * 1024, p: 1, dkLen: 32 } as const;

/**
 * The passphrase Authenticator (v3 encryption) encrypts entries under: the hash part of the
 * Argon2id PHC string of the password with the key's salt, i.e. unpadded base64 of the raw
 * hash. The salt is the key record's `salt` text, used as its UTF-8 bytes.
 */
export async function v3Passphrase(
  password: string,
  salt: string,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const hash = await argon2idAsync(utf8Encode(password), utf8Encode(salt), {
    ...ARGON2,
    ...(onProgress ? { onProgress } : {}),
  });
  return toBase64(hash).replace(/=+$/, '');
}

/**
 * The passphrase of v2 encryption: the file's `key.enc` holds a random key encrypted under
 * the password, and Authenticator uses the hex of the decrypted bytes as the passphrase of
 * every secret. `undefined` when the password does not decrypt it.
 */
export async function v2Passphrase(enc: string, password: string): Promise<string | undefined> {
  const key = await decryptOpenSslSalted(enc, password);
  return key && key.length > 0 ? toHex(key) : undefined;
}

/** The decrypted fields of a v3 `EncOTPStorage` entry, or `undefined` if they don't decrypt. */
export async function decryptV3Entry(
  data: string,
  passphrase: string,
): Promise<Record<string, unknown> | undefined> {
  const plain = await decryptOpenSslSalted(data, passphrase);
  const fields = plain ? parseJsonBytes(plain) : undefined;
  return isRecord(fields) && typeof fields.secret === 'string' ? fields : undefined;
}

/**
 * A secret encrypted on its own (v1 and v2), or `undefined` if it does not decrypt to
 * something shaped like a secret: CBC does not authenticate, so this is how Authenticator
 * itself tells a wrong password (`Encryption.decryptSecretString`).
 */
export async function decryptSecret(
  secret: string,
  passphrase: string,
): Promise<string | undefined> {
  const plain = await decryptOpenSslSalted(secret, passphrase);
  const text = plain ? decodeText(plain) : undefined;
  if (!text || text.length < 8) return undefined;
  const shaped =
    /^[a-z2-7]+=*$/i.test(text) || /^[0-9a-f]+$/i.test(text) || /^(blz-|bliz-|stm-)/.test(text);
  return shaped ? text : undefined;
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decode(bytes);
  } catch {
    return undefined;
  }
}
