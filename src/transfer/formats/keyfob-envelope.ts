import { sha256 } from '@noble/hashes/sha2.js';
import { isRecord, toBase64, toHex, utf8Encode } from '../../shared';
import { decodeBase64Strict } from '../encoding';
import { TransferError } from '../errors';
import { parseJsonOrUndefined } from '../json';
import type { ScryptParams } from '../scrypt';

/** The `format` value of a Keyfob backup's header. */
export const KEYFOB_FORMAT = 'keyfob-backup';
/**
 * The backup version this Keyfob writes. Version 2 adds the person's own account details
 * (linked, pinned, last used, automatic fill) to the body; a Keyfob that reads only version 1
 * would drop them unseen, so it is told to update instead.
 */
export const KEYFOB_VERSION = 2;
/** Every backup version this Keyfob reads: the ones before it hold fewer details. */
const READABLE_VERSIONS: readonly number[] = [1, KEYFOB_VERSION];
/** Name of the KDF in the header. */
export const KEYFOB_KDF = 'scrypt';
/** Name of the cipher in the header. */
export const KEYFOB_CIPHER = 'AES-256-GCM';

/**
 * The clear header: only what is needed to derive the key and open the body. Everything
 * about the accounts is inside the encrypted body.
 */
export interface KeyfobHeader {
  /** Which backup version wrote the file (see {@link KEYFOB_VERSION}). */
  version: number;
  kdf: ScryptParams & { salt: Uint8Array };
  iv: Uint8Array;
}

/** A parsed backup file: the exact header bytes (the body's additional data) and the body. */
export interface KeyfobEnvelope extends KeyfobHeader {
  headerBytes: Uint8Array;
  ciphertext: Uint8Array;
}

const SALT_BYTES = { min: 16, max: 64 };
const IV_BYTES = 12;
const CHECKSUM = /,"sha256":"([0-9a-f]{64})"\}\n?$/;

/**
 * Marks of a Keyfob backup. Two of the three suffice, so that a file with one changed byte is
 * still recognised, and reported as damaged rather than as some other format.
 */
const MARKS = [
  `{"header":{"format":"${KEYFOB_FORMAT}"`,
  `"kdf":{"name":"${KEYFOB_KDF}"`,
  ',"sha256":"',
];

/** True when the text looks like a Keyfob backup, even a damaged one. */
export function looksLikeKeyfobBackup(text: string): boolean {
  return MARKS.filter((mark) => text.includes(mark)).length >= 2;
}

/** The header's exact JSON text, with keys in a fixed order. */
export function formatKeyfobHeader(header: KeyfobHeader): string {
  return JSON.stringify({
    format: KEYFOB_FORMAT,
    version: header.version,
    kdf: {
      name: KEYFOB_KDF,
      N: header.kdf.N,
      r: header.kdf.r,
      p: header.kdf.p,
      salt: toBase64(header.kdf.salt),
    },
    cipher: { name: KEYFOB_CIPHER, iv: toBase64(header.iv) },
  });
}

/**
 * The whole file: header, body and a SHA-256 of everything before it. The checksum is not a
 * security measure (GCM authenticates header and body); it tells a damaged file from a
 * wrong password, which GCM alone cannot.
 */
export function formatKeyfobEnvelope(headerText: string, ciphertext: Uint8Array): string {
  const signed = `{"header":${headerText},"data":"${toBase64(ciphertext)}"`;
  return `${signed},"sha256":"${toHex(sha256(utf8Encode(signed)))}"}\n`;
}

/**
 * Parses a backup file and checks its checksum, exact layout and header. Throws
 * `damaged-file` for any changed byte and `unsupported-format` for a newer version.
 */
export function parseKeyfobEnvelope(text: string): KeyfobEnvelope {
  const match = CHECKSUM.exec(text);
  const signed = match ? text.slice(0, match.index) : '';
  if (!match || toHex(sha256(utf8Encode(signed))) !== match[1]) throw damaged();
  const file = parseJsonOrUndefined(text);
  if (!isRecord(file) || !isRecord(file.header) || typeof file.data !== 'string') throw damaged();
  if (Object.keys(file).join() !== 'header,data,sha256') throw damaged();
  const headerText = JSON.stringify(file.header);
  if (!text.startsWith(`{"header":${headerText},"data":"`)) throw damaged();
  const header = parseHeader(file.header);
  if (headerText !== formatKeyfobHeader(header)) throw damaged();
  const ciphertext = decodeBase64Strict(file.data);
  if (!ciphertext) throw damaged();
  return { ...header, headerBytes: utf8Encode(headerText), ciphertext };
}

function parseHeader(header: Record<string, unknown>): KeyfobHeader {
  if (header.format !== KEYFOB_FORMAT) throw damaged();
  if (typeof header.version === 'number' && header.version > KEYFOB_VERSION) {
    throw new TransferError(
      'unsupported-format',
      'This backup was made by a newer version of Keyfob. Update Keyfob to restore it.',
    );
  }
  const version = header.version;
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version)) throw damaged();
  const { kdf, cipher } = header;
  if (!isRecord(kdf) || !isRecord(cipher)) throw damaged();
  if (kdf.name !== KEYFOB_KDF || cipher.name !== KEYFOB_CIPHER) throw damaged();
  const salt = decodeBase64Strict(kdf.salt);
  const iv = decodeBase64Strict(cipher.iv);
  const { N, r, p } = kdf;
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') throw damaged();
  if (!salt || salt.length < SALT_BYTES.min || salt.length > SALT_BYTES.max) throw damaged();
  if (!iv || iv.length !== IV_BYTES) throw damaged();
  return { version, kdf: { N, r, p, salt }, iv };
}

function damaged(): TransferError {
  return new TransferError(
    'damaged-file',
    'This Keyfob backup is damaged: it was changed or cut short after it was made.',
  );
}
