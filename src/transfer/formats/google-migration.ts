import { base32Encode, fromBase64 } from '../../shared';
import { createOtpParams } from '../../otp/params';
import { TransferError } from '../errors';
import { entryLabel, type Collector } from './collect';
import { readProtoFields, type ProtoField } from './protobuf';

// Google Authenticator's "Transfer accounts" export: one or more QR codes, each holding
// otpauth-migration://offline?data=<base64 of a MigrationPayload protobuf, URL-encoded>.
// Field numbers and enum values as in the app's payload (the same .proto Aegis, andOTP and
// other importers read):
//   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
//                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
//   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
//                   Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6;
//                   int64 counter = 7; }
//   Algorithm: 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//   DigitCount: 0 unspecified, 1 six, 2 eight          OtpType: 0 unspecified, 1 HOTP, 2 TOTP

const MIGRATION_LINE = /^otpauth-migration:\/\//i;

const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
// Unspecified is TOTP: the payload's own default, and all the app ever made besides HOTP.
const TYPES: Record<number, string> = { 0: 'totp', 1: 'hotp', 2: 'totp' };
const MD5 = 4;

/** Where one QR code sits in a multi-code export. */
export interface MigrationBatch {
  id: number;
  index: number;
  size: number;
}

/** True for a line holding a Google Authenticator export link. */
export const isMigrationLine = (line: string): boolean => MIGRATION_LINE.test(line.trim());

/**
 * Reads one `otpauth-migration://` link into `into`, and returns which QR code of which
 * export it was. A link that is not a migration payload at all throws `damaged-file`;
 * entries Keyfob can't take (MD5, unknown lengths, bad secrets) are skipped with a reason.
 */
export function readMigrationLink(link: string, into: Collector): MigrationBatch {
  const fields = readProtoFields(payloadBytes(link));
  let size = 1;
  let index = 0;
  let id = 0;
  let entry = 0;
  for (const field of fields) {
    if (field.wire === 'bytes' && field.number === 1) {
      entry += 1;
      readEntry(field.value, into, entry);
    } else if (field.wire === 'varint') {
      if (field.number === 3) size = smallInt(field.value);
      if (field.number === 4) index = smallInt(field.value);
      if (field.number === 5) id = smallInt(field.value);
    }
  }
  return { id, index, size: Math.max(size, 1) };
}

/**
 * Notes, as skipped entries, the QR codes of a multi-code export that were not among the
 * links read, so the person knows to scan them too.
 */
export function reportMissingBatches(batches: readonly MigrationBatch[], into: Collector): void {
  const seen = new Map<number, { size: number; indices: Set<number> }>();
  for (const { id, index, size } of batches) {
    const group = seen.get(id) ?? { size, indices: new Set<number>() };
    group.size = Math.max(group.size, size);
    group.indices.add(index);
    seen.set(id, group);
  }
  for (const { size, indices } of seen.values()) {
    // A hostile size must not make a huge list: name at most the first 100 missing codes.
    for (let i = 0; i < Math.min(size, 100); i += 1) {
      if (!indices.has(i)) {
        into.skip(
          `Google Authenticator QR code ${i + 1} of ${size}`,
          'This QR code of the export was not included: scan or paste it too to import its accounts.',
        );
      }
    }
  }
}

/** The payload bytes of a migration link: the `data` parameter, URL-decoded, then base64. */
function payloadBytes(link: string): Uint8Array {
  const text = link.trim();
  const query = text.indexOf('?');
  if (!MIGRATION_LINE.test(text) || query < 0) throw damaged();
  const data = text
    .slice(query + 1)
    .split('&')
    .find((pair) => pair.toLowerCase().startsWith('data='));
  if (data === undefined) throw damaged();
  let base64: string;
  try {
    base64 = decodeURIComponent(data.slice('data='.length));
  } catch {
    throw damaged();
  }
  // A '+' that went through form decoding comes back as a space; base64url is accepted too.
  base64 = base64.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (base64 === '' || !/^[A-Za-z0-9+/]*$/.test(base64) || base64.length % 4 === 1) {
    throw damaged();
  }
  return fromBase64(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
}

function readEntry(bytes: Uint8Array, into: Collector, entry: number): void {
  let secret: Uint8Array = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const field of readProtoFields(bytes)) {
    if (field.wire === 'bytes') {
      if (field.number === 1) secret = field.value;
      if (field.number === 2) name = text(field);
      if (field.number === 3) issuer = text(field);
    } else {
      if (field.number === 4) algorithm = smallInt(field.value);
      if (field.number === 5) digits = smallInt(field.value);
      if (field.number === 6) type = smallInt(field.value);
      if (field.number === 7) counter = field.value;
    }
  }
  // The app often keeps the whole label as the name: "Issuer:account".
  const colon = name.indexOf(':');
  if (colon >= 0 && (issuer === '' || name.slice(0, colon).trim() === issuer.trim())) {
    issuer = issuer || name.slice(0, colon);
    name = name.slice(colon + 1);
  }
  const label = entryLabel(issuer, name, `Entry ${entry}`);
  if (algorithm === MD5) {
    into.skip(label, 'This account uses MD5, which Keyfob does not support.');
  } else if (ALGORITHMS[algorithm] === undefined) {
    into.skip(label, 'This account uses a hash algorithm Keyfob does not know.');
  } else if (DIGITS[digits] === undefined) {
    into.skip(label, 'This account uses a code length Keyfob does not know.');
  } else if (TYPES[type] === undefined) {
    into.skip(label, 'This account is of a kind Keyfob does not know.');
  } else {
    into.add(label, () =>
      createOtpParams({
        type: TYPES[type],
        secret: base32Encode(secret),
        account: name,
        issuer,
        algorithm: ALGORITHMS[algorithm],
        digits: DIGITS[digits],
        // Text, so a counter past 2^53 is refused rather than rounded.
        counter: counter.toString(),
      }),
    );
  }
}

/** An enum or int32 value; out-of-range values map to -1, which no table knows. */
function smallInt(value: bigint): number {
  return value <= 0x7fffffffn ? Number(value) : -1;
}

function text(field: ProtoField): string {
  return field.wire === 'bytes' ? new TextDecoder().decode(field.value) : '';
}

function damaged(): TransferError {
  return new TransferError(
    'damaged-file',
    'This Google Authenticator export link is damaged or incomplete. Scan its QR code again.',
  );
}
