import { randomBytes } from '../../crypto';
import { isRecord, toHex, utf8Encode, wipe } from '../../shared';
import { TransferError } from '../errors';
import { parseJsonOrUndefined } from '../json';
import { requirePassword } from '../password';
import type { ScryptParams } from '../scrypt';
import type { ImportReader } from '../types';
import type { ExportWriter } from '../writers';
import { formatAegisContent, readAegisEntries } from './aegis-entries';
import { AEGIS_SCRYPT, aegisDamaged, openAegisVault, sealAegisVault } from './aegis-vault';

/** The vault file version Aegis 3.x writes and reads. */
const AEGIS_FILE_VERSION = 1;

/**
 * Marks of an Aegis vault file; two of the three suffice, so that a damaged file is still
 * recognised (and reported as damaged rather than as another format).
 */
const MARKS = [/"header"\s*:\s*\{/, /"db"\s*:/, /"slots"\s*:/];

/**
 * Reads Aegis vault files, plain and encrypted (password slots), as Aegis exports them.
 * @see https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md
 */
export const aegisReader: ImportReader = {
  id: 'aegis',
  recognise: (text) => MARKS.filter((mark) => mark.test(text)).length >= 2,
  async read(text, options) {
    const file = parseJsonOrUndefined(text);
    if (!isRecord(file) || !isRecord(file.header) || !('db' in file)) throw aegisDamaged();
    if (typeof file.version === 'number' && file.version > AEGIS_FILE_VERSION) {
      throw new TransferError(
        'unsupported-format',
        'This Aegis vault is from a newer Aegis than Keyfob knows.',
      );
    }
    const { header, db } = file;
    const plain = header.slots === null && header.params === null;
    let content: unknown = db;
    if (!plain) {
      const password = requirePassword(options.password);
      content = await openAegisVault(header, db, password, options.onProgress);
    }
    const entries = readAegisEntries(content);
    if (!entries) throw aegisDamaged();
    return { format: 'aegis', ...entries };
  },
};

/** A random UUID version 4, as Aegis gives every entry and slot. */
function uuidV4(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Creates the writer of Aegis-compatible encrypted vault files, which Aegis imports as its
 * own: file version 1, content version 3, one password slot (scrypt N = 2^15, r = 8, p = 1
 * unless a test asks for less), fields and flags as Aegis 3.x writes them.
 */
export function createAegisWriter(deps: { scrypt?: ScryptParams } = {}): ExportWriter {
  const scrypt = deps.scrypt ?? AEGIS_SCRYPT;
  return async (accounts, options) => {
    // Aegis scrypts the password's UTF-8 exactly as typed, without normalising it.
    const password = utf8Encode(requirePassword(options.password));
    const content = utf8Encode(JSON.stringify(formatAegisContent(accounts, uuidV4), null, 4));
    try {
      const { header, db } = await sealAegisVault(content, password, {
        scrypt,
        uuid: uuidV4(),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      return utf8Encode(JSON.stringify({ version: AEGIS_FILE_VERSION, header, db }, null, 4));
    } finally {
      wipe(password);
      wipe(content);
    }
  };
}
