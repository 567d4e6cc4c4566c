// Builds Google Authenticator export links exactly as the app writes them: a
// MigrationPayload protobuf (field numbers and enum values of the app's .proto, as read by
// Aegis's google_auth.proto), fields in number order, every set field written, zeros
// included (the app writes batch_index 0), base64 with padding, then URL-encoded.

/** One OtpParameters message; enums are the wire numbers. */
export interface MigrationEntry {
  secret: Uint8Array;
  name?: string;
  issuer?: string;
  /** 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5. */
  algorithm?: number;
  /** 0 unspecified, 1 six, 2 eight. */
  digits?: number;
  /** 0 unspecified, 1 HOTP, 2 TOTP. */
  type?: number;
  counter?: bigint;
}

/** A MigrationPayload: its entries and where it sits among an export's QR codes. */
export interface MigrationPayload {
  entries: MigrationEntry[];
  version?: number;
  batchSize?: number;
  batchIndex?: number;
  batchId?: number;
}

function varint(value: bigint | number): number[] {
  // int64 negatives are 10-byte two's complement on the wire.
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

const key = (number: number, wire: number) => varint((number << 3) | wire);
const bytesField = (number: number, bytes: Uint8Array | number[]) => [
  ...key(number, 2),
  ...varint(bytes.length),
  ...bytes,
];
const intField = (number: number, value: bigint | number | undefined) =>
  value === undefined ? [] : [...key(number, 0), ...varint(value)];
const textField = (number: number, value: string | undefined) =>
  value === undefined ? [] : bytesField(number, [...new TextEncoder().encode(value)]);

/** The protobuf bytes of one payload. */
export function encodeMigrationPayload(payload: MigrationPayload): Uint8Array {
  const out: number[] = [];
  for (const entry of payload.entries) {
    out.push(
      ...bytesField(1, [
        ...bytesField(1, entry.secret),
        ...textField(2, entry.name),
        ...textField(3, entry.issuer),
        ...intField(4, entry.algorithm),
        ...intField(5, entry.digits),
        ...intField(6, entry.type),
        ...intField(7, entry.counter),
      ]),
    );
  }
  out.push(
    ...intField(2, payload.version ?? 1),
    ...intField(3, payload.batchSize ?? 1),
    ...intField(4, payload.batchIndex ?? 0),
    ...intField(5, payload.batchId),
  );
  return Uint8Array.from(out);
}

/** `otpauth-migration://offline?data=…` for the payload, as the app's QR code holds it. */
export function migrationLink(payload: MigrationPayload): string {
  const base64 = Buffer.from(encodeMigrationPayload(payload)).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(base64)}`;
}

/**
 * A migration payload encoded by hand, field by field, from the app's .proto (not with
 * {@link encodeMigrationPayload}): one TOTP account Example / alice@example.com, SHA1 (1),
 * six digits (1), TOTP (2), version 1, batch 1 of 1, batch id 123.
 */
export const HAND_ENCODED_PAYLOAD = new Uint8Array([
  0x0a, 0x2e, 0x0a, 0x0a, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef, 0x12, 0x11,
  0x61, 0x6c, 0x69, 0x63, 0x65, 0x40, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f,
  0x6d, 0x1a, 0x07, 0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x20, 0x01, 0x28, 0x01, 0x30, 0x02,
  0x10, 0x01, 0x18, 0x01, 0x20, 0x00, 0x28, 0x7b,
]);
/** {@link HAND_ENCODED_PAYLOAD} as the app's QR code holds it (URL-encoded base64). */
export const HAND_ENCODED_LINK =
  'otpauth-migration://offline?data=Ci4KCkhlbGxvId6tvu8SEWFsaWNlQGV4YW1wbGUuY29tGgdFeGFtcGxlIAEoATACEAEYASAAKHs%3D';
/** The secret of {@link HAND_ENCODED_LINK}, in base32 ("Hello!" and 0xDEADBEEF). */
export const HAND_ENCODED_SECRET = 'JBSWY3DPEHPK3PXP';
