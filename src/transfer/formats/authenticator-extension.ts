import { createOtpParams, isOtpError, type OtpParams } from '../../otp';
import { base32Encode, fromHex, isRecord } from '../../shared';
import { TransferError } from '../errors';
import { parseJsonOrUndefined } from '../json';
import { requirePassword, wrongPassword } from '../password';
import type { ImportReader, ImportResult } from '../types';
import {
  decryptSecret,
  decryptV3Entry,
  v2Passphrase,
  v3Passphrase,
} from './authenticator-extension-crypto';
import { entryLabel } from '../label';

/** One stored entry, decrypted or not, with the record name it had in the file. */
type Item = Record<string, unknown> & { name: string };

/** Top-level names that hold the v2 key, not an entry (`enc`/`hash`: its bug #557 layout). */
const META = ['key', 'enc', 'hash'];

const isEntry = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) &&
  ((typeof value.secret === 'string' && 'encrypted' in value) ||
    value.dataType === 'EncOTPStorage');

/**
 * Reads the backup file of Authenticator (the browser extension, Authenticator-Extension/
 * Authenticator): an object of entries keyed by hash, plain or encrypted with the person's
 * password in any of its three schemes. v1: each secret is CryptoJS-encrypted under the
 * password; v2: under a key that `key.enc` holds encrypted under the password; v3 (current):
 * each entry is an `EncOTPStorage` whose data is encrypted under an Argon2id hash of the
 * password, salted by the `Key` record its `keyId` names.
 * @see https://github.com/Authenticator-Extension/Authenticator/blob/dev/src/import.ts
 */
export const authenticatorExtensionReader: ImportReader = {
  id: 'authenticator-extension',
  recognise(text) {
    const file = parseJsonOrUndefined(text);
    return isRecord(file) && Object.values(file).some(isEntry);
  },
  async read(text, options) {
    const file = parseJsonOrUndefined(text);
    if (!isRecord(file)) {
      throw new TransferError(
        'damaged-file',
        'This Authenticator backup is damaged or incomplete.',
      );
    }
    const items: Item[] = Object.entries(file)
      .filter(([name, value]) => !META.includes(name) && isEntry(value))
      .map(([name, value]) => ({ ...(value as Record<string, unknown>), name }));
    const encrypted = items.filter((item) => item.dataType === 'EncOTPStorage' || item.encrypted);
    const result: ImportResult = { format: 'authenticator-extension', accounts: [], skipped: [] };
    let opened = items.filter((item) => !encrypted.includes(item));
    if (encrypted.length > 0) {
      const password = requirePassword(options.password);
      const decrypted = await decryptItems(file, encrypted, password, options.onProgress);
      if (decrypted.every((item) => item === undefined)) throw wrongPassword();
      decrypted.forEach((item, i) => {
        if (item) opened.push(item);
        else result.skipped.push({ label: `Entry ${i + 1}`, reason: NOT_DECRYPTED });
      });
    }
    opened = opened.sort((a, b) => order(a) - order(b));
    for (const item of opened) {
      const outcome = toParams(item);
      if (typeof outcome === 'string')
        result.skipped.push({
          label: entryLabel(item.issuer, item.account, 'Unnamed entry'),
          reason: outcome,
        });
      else result.accounts.push(outcome);
    }
    return result;
  },
};

const NOT_DECRYPTED = 'This entry could not be decrypted with that password.';

async function decryptItems(
  file: Record<string, unknown>,
  items: Item[],
  password: string,
  onProgress?: (fraction: number) => void,
): Promise<(Item | undefined)[]> {
  const v3Keys = new Map<string, Promise<string | undefined>>();
  const v3Key = (keyId: unknown) => {
    const key = typeof keyId === 'string' ? file[keyId] : undefined;
    if (!isRecord(key) || key.dataType !== 'Key' || typeof key.salt !== 'string') {
      return Promise.resolve(undefined);
    }
    const id = keyId as string;
    if (!v3Keys.has(id)) v3Keys.set(id, v3Passphrase(password, key.salt as string, onProgress));
    return v3Keys.get(id)!;
  };
  const oldKey = isRecord(file.key) ? file.key.enc : file.enc;
  const v1v2 =
    typeof oldKey === 'string' ? v2Passphrase(oldKey, password) : Promise.resolve(password);

  const out: (Item | undefined)[] = [];
  for (const item of items) {
    if (item.dataType === 'EncOTPStorage') {
      const passphrase = await v3Key(item.keyId);
      const fields =
        passphrase && typeof item.data === 'string'
          ? await decryptV3Entry(item.data, passphrase)
          : undefined;
      out.push(fields ? { ...item, ...fields, name: item.name, encrypted: false } : undefined);
    } else {
      const passphrase = await v1v2;
      const secret =
        passphrase && typeof item.secret === 'string'
          ? await decryptSecret(item.secret, passphrase)
          : undefined;
      out.push(secret ? { ...item, secret, encrypted: false } : undefined);
    }
  }
  return out;
}

const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

/** The account an entry describes, or why Keyfob can't take it. */
function toParams(item: Item): OtpParams | string {
  let type = typeof item.type === 'string' ? item.type : 'totp';
  let secret = String(item.secret).replace(/\s/g, '');
  const prefix = /^(blz-|bliz-|stm-)/.exec(secret)?.[0];
  if (prefix) {
    secret = secret.slice(prefix.length);
    type = prefix === 'stm-' ? 'steam' : 'battle';
  }
  const isHex = !/^[a-z2-7]+=*$/i.test(secret) && /^[0-9a-f]+$/i.test(secret);
  if ((type === 'totp' || type === 'hotp') && isHex) type = type === 'totp' ? 'hex' : 'hhex';
  if (type === 'hex' || type === 'hhex') {
    if (!isHex || secret.length % 2 !== 0) return 'This entry’s hexadecimal secret is malformed.';
    secret = base32Encode(fromHex(secret));
  }
  const algorithm = item.algorithm === undefined ? 'SHA1' : item.algorithm;
  if (typeof algorithm !== 'string' || !ALGORITHMS.includes(algorithm)) {
    return 'Keyfob supports only the SHA-1, SHA-256 and SHA-512 algorithms (not GOST).';
  }
  const kind = {
    totp: 'totp',
    hex: 'totp',
    battle: 'totp',
    hotp: 'hotp',
    hhex: 'hotp',
    steam: 'steam',
  }[type];
  if (!kind) return 'Keyfob does not know this kind of account.';
  try {
    return createOtpParams({
      type: kind,
      secret,
      account: typeof item.account === 'string' ? item.account : '',
      issuer: typeof item.issuer === 'string' ? item.issuer : undefined,
      algorithm,
      // Battle.net codes are 8 digits whatever the entry says (Authenticator's KeyUtilities).
      digits: type === 'battle' ? 8 : numberOr(item.digits, 6),
      period: numberOr(item.period, 30),
      counter: numberOr(item.counter, 0),
    });
  } catch (error) {
    if (isOtpError(error)) return error.message;
    throw error;
  }
}

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

const order = (item: Item): number => (typeof item.index === 'number' ? item.index : 0);
