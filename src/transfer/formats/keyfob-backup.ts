import { aesGcmDecryptRaw, aesGcmEncryptRaw, randomBytes } from '../../crypto';
import { utf8Encode, wipe } from '../../shared';
import { TransferError } from '../errors';
import { parseJsonBytes } from '../json';
import { passwordBytes, wrongPassword } from '../password';
import { deriveScrypt, type ScryptParams } from '../scrypt';
import type { ImportReader } from '../types';
import type { ExportWriter } from '../writers';
import { parseKeyfobBody, formatKeyfobBody } from './keyfob-body';
import {
  KEYFOB_VERSION,
  formatKeyfobEnvelope,
  formatKeyfobHeader,
  looksLikeKeyfobBackup,
  parseKeyfobEnvelope,
} from './keyfob-envelope';

/**
 * scrypt cost of a new backup: N = 2^17, r = 8, p = 1 (128 MiB), OWASP's first choice for
 * scrypt. About 1–2 s in Node and Chromium on a laptop, paid once per backup or restore; the
 * memory cost is what makes guessing a stolen backup's password expensive on GPUs.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
 */
export const KEYFOB_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const KEY_BYTES = 32;
const SALT_BYTES = 32;
const IV_BYTES = 12;

/** Dependencies of the backup writer: its KDF cost (tests use a tiny one) and its clock. */
export interface KeyfobWriterDeps {
  scrypt?: ScryptParams;
  now?: () => number;
}

/**
 * Creates the writer of Keyfob backups: one versioned JSON file whose clear header holds only
 * the format, KDF and cipher parameters; every account, with everything it carries, is in
 * the AES-256-GCM body, which also authenticates the exact header bytes.
 */
export function createKeyfobBackupWriter(deps: KeyfobWriterDeps = {}): ExportWriter {
  const { scrypt = KEYFOB_SCRYPT, now = Date.now } = deps;
  return async (accounts, options) => {
    const password = passwordBytes(options.password);
    const header = {
      version: KEYFOB_VERSION,
      kdf: { ...scrypt, salt: randomBytes(SALT_BYTES) },
      iv: randomBytes(IV_BYTES),
    };
    const headerText = formatKeyfobHeader(header);
    const body = utf8Encode(formatKeyfobBody(accounts, now()));
    let key: Uint8Array | undefined;
    try {
      key = await deriveScrypt(password, header.kdf.salt, scrypt, KEY_BYTES, options.onProgress);
      const ciphertext = await aesGcmEncryptRaw(key, header.iv, body, utf8Encode(headerText));
      return utf8Encode(formatKeyfobEnvelope(headerText, ciphertext));
    } finally {
      wipe(password);
      wipe(body);
      if (key) wipe(key);
    }
  };
}

/** Reads Keyfob backups, giving every account with its details. */
export const keyfobBackupReader: ImportReader = {
  id: 'keyfob',
  recognise: looksLikeKeyfobBackup,
  async read(text, options) {
    const envelope = parseKeyfobEnvelope(text);
    const password = passwordBytes(options.password);
    let key: Uint8Array | undefined;
    let plain: Uint8Array;
    try {
      key = await deriveScrypt(
        password,
        envelope.kdf.salt,
        envelope.kdf,
        KEY_BYTES,
        options.onProgress,
      );
      plain = await aesGcmDecryptRaw(key, envelope.iv, envelope.ciphertext, envelope.headerBytes);
    } catch (error) {
      if (error instanceof TransferError) throw error;
      throw wrongPassword();
    } finally {
      wipe(password);
      if (key) wipe(key);
    }
    const body = parseKeyfobBody(parseJsonBytes(plain));
    wipe(plain);
    if (!body) {
      throw new TransferError(
        'damaged-file',
        'This Keyfob backup opened but holds no accounts list.',
      );
    }
    return { format: 'keyfob', ...body };
  },
};
