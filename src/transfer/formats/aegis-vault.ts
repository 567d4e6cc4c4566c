import { aesGcmDecryptRaw, aesGcmEncryptRaw, randomBytes } from '../../crypto';
import { isRecord, toBase64, toHex, utf8Encode, wipe } from '../../shared';
import { decodeBase64Strict, decodeHexStrict } from '../encoding';
import { TransferError } from '../errors';
import { parseJsonBytes } from '../json';
import { wrongPassword } from '../password';
import { deriveScrypt, type ScryptParams } from '../scrypt';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const PASSWORD_SLOT = 1;
/**
 * Most password slots Keyfob tries. Aegis exports one (or a backup slot and a regular one);
 * each costs a KDF run, so a hostile file with thousands must not be tried slot by slot.
 */
const MAX_PASSWORD_SLOTS = 4;

/** A password slot as Aegis stores it: scrypt parameters and the wrapped master key. */
interface PasswordSlot {
  scrypt: ScryptParams;
  salt: Uint8Array;
  key: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
  repaired: boolean;
}

/**
 * Decrypts an encrypted Aegis vault file with a password: scrypt turns the password into the
 * key of a password slot, which unwraps the master key (AES-256-GCM), which decrypts `db`.
 * Every password slot is tried, as Aegis does; biometric slots are useless off the phone.
 * Returns the vault content (parsed JSON).
 *
 * Throws `wrong-password` when no slot opens (Aegis authenticates only the slots' keys and
 * `db`, so a changed scrypt parameter or salt also reads as a wrong password), and
 * `damaged-file` when a slot opens but `db` does not.
 * @see https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md#encryption
 */
export async function openAegisVault(
  header: Record<string, unknown>,
  db: unknown,
  password: string,
  onProgress?: (fraction: number) => void,
): Promise<unknown> {
  const params = readParams(header.params);
  const ciphertext = decodeBase64Strict(db);
  if (!Array.isArray(header.slots) || !params || !ciphertext) throw aegisDamaged();
  const slots = header.slots.filter(
    (slot: unknown) => isRecord(slot) && slot.type === PASSWORD_SLOT,
  );
  if (slots.length > MAX_PASSWORD_SLOTS) throw aegisDamaged();
  if (slots.length === 0) {
    throw new TransferError(
      'unsupported-format',
      'This Aegis vault can only be opened with a fingerprint. Export it from Aegis with a password.',
    );
  }
  const masterKey = await unlockSlots(slots.map(readPasswordSlot), password, onProgress);
  try {
    const plain = await aesGcmDecryptRaw(masterKey, params.nonce, joined(ciphertext, params.tag));
    const content = parseJsonBytes(plain);
    wipe(plain);
    return content;
  } catch (error) {
    if (error instanceof TransferError) throw error;
    throw aegisDamaged();
  } finally {
    wipe(masterKey);
  }
}

async function unlockSlots(
  slots: PasswordSlot[],
  password: string,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  for (const slot of slots) {
    for (const candidate of passwordEncodings(password, slot)) {
      const kek = await deriveScrypt(candidate, slot.salt, slot.scrypt, KEY_BYTES, onProgress);
      try {
        return await aesGcmDecryptRaw(kek, slot.nonce, joined(slot.key, slot.tag));
      } catch {
        // Not this slot's password (or not this encoding of it): try the next.
      } finally {
        wipe(kek);
        wipe(candidate);
      }
    }
  }
  throw wrongPassword();
}

/**
 * Aegis before 1.x's fix of its issue #95 scrypt-ed the whole buffer Java's UTF-8 encoder had
 * allocated, zero bytes included; that only changes the key for passwords over 64 bytes
 * (HMAC pads shorter keys with zeros anyway). Slots not yet marked `repaired` may still hold
 * such a key, so Aegis, and Keyfob, try that encoding too.
 */
function passwordEncodings(password: string, slot: PasswordSlot): Uint8Array[] {
  const bytes = utf8Encode(password);
  let capacity = Math.floor(password.length * 1.1);
  while (capacity < bytes.length) capacity = 2 * capacity + 1;
  if (slot.repaired || capacity <= 64) return [bytes];
  const old = new Uint8Array(capacity);
  old.set(bytes);
  return [bytes, old];
}

function readPasswordSlot(slot: Record<string, unknown>): PasswordSlot {
  const keyParams = readParams(slot.key_params);
  const key = decodeHexStrict(slot.key, KEY_BYTES);
  const salt = decodeHexStrict(slot.salt);
  const { n, r, p } = slot;
  if (!keyParams || !key || !salt || salt.length === 0) throw aegisDamaged();
  if (typeof n !== 'number' || typeof r !== 'number' || typeof p !== 'number') throw aegisDamaged();
  return { scrypt: { N: n, r, p }, salt, key, ...keyParams, repaired: slot.repaired === true };
}

function readParams(value: unknown): { nonce: Uint8Array; tag: Uint8Array } | undefined {
  if (!isRecord(value)) return undefined;
  const nonce = decodeHexStrict(value.nonce, NONCE_BYTES);
  const tag = decodeHexStrict(value.tag, TAG_BYTES);
  return nonce && tag ? { nonce, tag } : undefined;
}

/** Aegis's scrypt cost for new password slots (docs/vault.md: N = 2^15, r = 8, p = 1). */
export const AEGIS_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

/**
 * Encrypts vault content as Aegis does: a random master key encrypts the content
 * (AES-256-GCM), and one password slot holds the master key wrapped under scrypt of the
 * password. Returns the vault file's `header` and `db`.
 */
export async function sealAegisVault(
  content: Uint8Array,
  password: Uint8Array,
  options: { scrypt: ScryptParams; uuid: string; onProgress?: (fraction: number) => void },
): Promise<{ header: Record<string, unknown>; db: string }> {
  const masterKey = randomBytes(KEY_BYTES);
  const salt = randomBytes(KEY_BYTES);
  const slotNonce = randomBytes(NONCE_BYTES);
  const dbNonce = randomBytes(NONCE_BYTES);
  const kek = await deriveScrypt(password, salt, options.scrypt, KEY_BYTES, options.onProgress);
  try {
    const wrapped = await aesGcmEncryptRaw(kek, slotNonce, masterKey);
    const sealed = await aesGcmEncryptRaw(masterKey, dbNonce, content);
    const slot = {
      type: PASSWORD_SLOT,
      uuid: options.uuid,
      key: toHex(wrapped.subarray(0, KEY_BYTES)),
      key_params: { nonce: toHex(slotNonce), tag: toHex(wrapped.subarray(KEY_BYTES)) },
      n: options.scrypt.N,
      r: options.scrypt.r,
      p: options.scrypt.p,
      salt: toHex(salt),
      repaired: true,
      is_backup: false,
    };
    const tagAt = sealed.length - TAG_BYTES;
    return {
      header: {
        slots: [slot],
        params: { nonce: toHex(dbNonce), tag: toHex(sealed.subarray(tagAt)) },
      },
      db: toBase64(sealed.subarray(0, tagAt)),
    };
  } finally {
    wipe(kek);
    wipe(masterKey);
  }
}

function joined(ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const out = new Uint8Array(ciphertext.length + tag.length);
  out.set(ciphertext);
  out.set(tag, ciphertext.length);
  return out;
}

/** The error for an Aegis vault file that is broken or was changed. */
export function aegisDamaged(): TransferError {
  return new TransferError('damaged-file', 'This Aegis vault is damaged or incomplete.');
}
