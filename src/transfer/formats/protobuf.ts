import { TransferError } from '../errors';

/** One field of a protobuf message as it is on the wire: a varint or a length-delimited run. */
export type ProtoField =
  | { number: number; wire: 'varint'; value: bigint }
  | { number: number; wire: 'bytes'; value: Uint8Array };

/** A varint is at most 10 bytes (64 bits, 7 per byte). */
const MAX_VARINT_BYTES = 10;

/**
 * Reads the top-level fields of a protobuf message, in order. Keeps varints (wire type 0)
 * and length-delimited fields (2); skips fixed 64- and 32-bit fields (1, 5), which a newer
 * writer may add. Anything else, or a field that runs past the end, is `damaged-file`.
 * Nested messages are read by calling this again on a `bytes` field.
 * @see https://protobuf.dev/programming-guides/encoding/
 */
export function readProtoFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i += 1) {
      if (at >= bytes.length) throw damaged();
      const byte = bytes[at++]!;
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw damaged();
  };
  const skip = (length: number): number => {
    if (length > bytes.length - at) throw damaged();
    const start = at;
    at += length;
    return start;
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Number(key >> 3n);
    if (number < 1 || number > 0x1fffffff) throw damaged();
    switch (Number(key & 7n)) {
      case 0:
        fields.push({ number, wire: 'varint', value: varint() });
        break;
      case 1:
        skip(8);
        break;
      case 2: {
        const length = varint();
        if (length > BigInt(bytes.length)) throw damaged();
        const start = skip(Number(length));
        fields.push({ number, wire: 'bytes', value: bytes.subarray(start, at) });
        break;
      }
      case 5:
        skip(4);
        break;
      default:
        throw damaged();
    }
  }
  return fields;
}

function damaged(): TransferError {
  return new TransferError('damaged-file', 'The export data is damaged or incomplete.');
}
