import { CryptoError, derivePbkdf2AesKey, openBox } from '../../crypto';
import { createOtpParams } from '../../otp/params';
import { fromBase64, isRecord, utf8Decode } from '../../shared';
import { TransferError } from '../errors';
import type { ImportReader } from '../types';
import { createCollector, entryLabel, type Collector } from './collect';
import { numberField, parseJsonObject, textField } from './json-fields';

// 2FAS Authenticator's `.2fas` backup (Android and iOS, schemaVersion 1–4): JSON with
// `services[]`, each `{ name, secret, otp: { label, account, issuer, digits, period,
// algorithm, tokenType: TOTP | HOTP | STEAM, counter } }`. An encrypted backup has
// `services: []` and `servicesEncrypted` instead, plus `reference` (schema 3 and later):
// each is `base64(ciphertext + tag):base64(salt):base64(iv)`, AES-256-GCM under a key
// derived by PBKDF2-HMAC-SHA256, 10,000 iterations, 256-bit key, 256-byte salt, 12-byte IV.
// `reference` seals the fixed text below, so a wrong password shows before the services.

/** The text 2FAS seals as `reference` (its `BackupContent.Reference`). */
const REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

/** 2FAS's fixed PBKDF2 parameters; the file only brings the salt. */
const KDF = { iterations: 10_000, hash: 'SHA-256' } as const;
const IV_BYTES = 12;

interface Sealed {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

/** `base64(ciphertext+tag):base64(salt):base64(iv)`; anything else is `damaged-file`. */
function splitSealed(value: string): Sealed {
  const parts = value.split(':');
  if (parts.length !== 3) throw damaged();
  let bytes: Uint8Array[];
  try {
    bytes = parts.map((part) => fromBase64(part));
  } catch {
    throw damaged();
  }
  const [ciphertext, salt, iv] = bytes as [Uint8Array, Uint8Array, Uint8Array];
  if (iv.length !== IV_BYTES || salt.length === 0 || ciphertext.length < 16) throw damaged();
  return { ciphertext, salt, iv };
}

async function open(sealed: Sealed, password: string): Promise<string> {
  let key: CryptoKey;
  try {
    key = await derivePbkdf2AesKey(password, { ...KDF, salt: sealed.salt });
  } catch (error) {
    if (error instanceof CryptoError) throw damaged();
    throw error;
  }
  const plain = await openBox(key, sealed, new Uint8Array(0));
  try {
    return utf8Decode(plain);
  } finally {
    plain.fill(0);
  }
}

/**
 * The services of an encrypted backup. The reference is opened first: if it does not open
 * to 2FAS's text the password is wrong; if it does and the services then fail, the file was
 * changed. Without a reference (older backups) a failure can only be called a wrong password.
 */
async function decryptServices(data: Record<string, unknown>, password: string): Promise<unknown> {
  const services = splitSealed(data.servicesEncrypted as string);
  const reference = typeof data.reference === 'string' ? splitSealed(data.reference) : undefined;
  if (reference) {
    const text = await open(reference, password).catch(rethrowAs(wrongPassword));
    if (text !== REFERENCE) throw wrongPassword();
  }
  const json = await open(services, password).catch(rethrowAs(reference ? damaged : wrongPassword));
  try {
    return JSON.parse(json);
  } catch {
    throw damaged();
  }
}

/** Turns a failed decryption into `make()`; other errors pass. */
const rethrowAs = (make: () => TransferError) => (error: unknown) => {
  throw error instanceof CryptoError ? make() : error;
};

function readService(service: unknown, index: number, into: Collector): void {
  const fallback = `Entry ${index + 1}`;
  if (!isRecord(service)) {
    into.skip(fallback, 'This entry is not an account.');
    return;
  }
  const otp = isRecord(service.otp) ? service.otp : {};
  const issuer = textField(otp.issuer) || textField(service.name);
  const label = textField(otp.label);
  // Schema 1 kept only the label ("Issuer:account" or just the account).
  const account = textField(otp.account) ?? label?.slice(label.indexOf(':') + 1);
  into.add(entryLabel(issuer, account, fallback), () =>
    createOtpParams({
      type: textField(otp.tokenType) ?? 'totp',
      secret: textField(service.secret) ?? '',
      issuer,
      account,
      algorithm: textField(otp.algorithm),
      digits: numberField(otp.digits),
      period: numberField(otp.period),
      counter: numberField(otp.counter),
    }),
  );
}

function damaged(): TransferError {
  return new TransferError('damaged-file', 'This 2FAS backup is damaged or was changed.');
}

function wrongPassword(): TransferError {
  return new TransferError('wrong-password', 'That password does not open this 2FAS backup.');
}

/** 2FAS Authenticator's `.2fas` backup, plain or encrypted with the backup password. */
export const twoFasReader: ImportReader = {
  id: '2fas',
  recognise(text) {
    return (
      /^\s*\{/.test(text) &&
      /"schemaVersion"\s*:/.test(text) &&
      /"services(Encrypted)?"\s*:/.test(text)
    );
  },
  async read(text, options) {
    const data = parseJsonObject(text, '2FAS');
    let services: unknown = data.services;
    if (typeof data.servicesEncrypted === 'string') {
      if (!options.password) {
        throw new TransferError(
          'password-required',
          'This 2FAS backup is encrypted: enter the password it was made with.',
        );
      }
      services = await decryptServices(data, options.password);
    }
    if (!Array.isArray(services)) throw damaged();
    const into = createCollector();
    services.forEach((service: unknown, index) => readService(service, index, into));
    return { format: '2fas', accounts: into.accounts, skipped: into.skipped };
  },
};
