/**
 * Raw Snappy decoding, for searching browser storage that is stored compressed: Firefox
 * compresses IndexedDB values (structured clones) with Snappy, and Chromium's LevelDB
 * compresses table blocks. A compressed string keeps only its first copy of each repeated
 * 4-byte run, so UTF-16 text (full of "x\0y\0") in particular is not findable byte for byte.
 * @see https://github.com/google/snappy/blob/main/format_description.txt
 */

const MAX_OUTPUT = 1 << 22;
const scratch = Buffer.alloc(MAX_OUTPUT);

/** Decodes one raw Snappy stream whose elements start at `at`; null when it is not one. */
function decodeAt(input: Buffer, at: number, length: number): { data: Buffer } | null {
  let p = at;
  let out = 0;
  while (out < length) {
    if (p >= input.length) return null;
    const tag = input[p++]!;
    const type = tag & 3;
    if (type === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const extra = n - 59;
        if (p + extra > input.length) return null;
        n = 0;
        for (let k = 0; k < extra; k += 1) n += input[p + k]! * 2 ** (8 * k);
        p += extra;
      }
      n += 1;
      if (out + n > length || p + n > input.length) return null;
      input.copy(scratch, out, p, p + n);
      p += n;
      out += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (type === 1) {
      if (p >= input.length) return null;
      n = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[p++]!;
    } else if (type === 2) {
      if (p + 2 > input.length) return null;
      n = (tag >>> 2) + 1;
      offset = input.readUInt16LE(p);
      p += 2;
    } else {
      if (p + 4 > input.length) return null;
      n = (tag >>> 2) + 1;
      offset = input.readUInt32LE(p);
      p += 4;
    }
    if (offset === 0 || offset > out || out + n > length) return null;
    for (let k = 0; k < n; k += 1) scratch[out + k] = scratch[out - offset + k]!;
    out += n;
  }
  return { data: Buffer.from(scratch.subarray(0, length)) };
}

/** One decoded stream and where it starts in the file. */
export interface SnappyBlock {
  offset: number;
  data: Buffer;
}

/**
 * Tries to decode a raw Snappy stream at every offset of `input` (the file formats around
 * them — sqlite pages, LevelDB blocks — are not parsed) and yields each one that decodes
 * exactly. Garbage that happens to decode is harmless: the caller only searches it.
 */
export function* findSnappyBlocks(input: Buffer, minLength = 8): Generator<SnappyBlock> {
  for (let start = 0; start < input.length; start += 1) {
    let length = 0;
    let p = start;
    let complete = false;
    for (let k = 0; k < 4 && p < input.length; k += 1) {
      const byte = input[p++]!;
      length += (byte & 0x7f) * 2 ** (7 * k);
      if ((byte & 0x80) === 0) {
        complete = true;
        break;
      }
    }
    if (!complete || length < minLength || length > MAX_OUTPUT) continue;
    // A stream opens with a literal, and expands at most ~22x (a 3-byte copy makes 64).
    if (p >= input.length || (input[p]! & 3) !== 0 || length > (input.length - p) * 22) continue;
    // Garbage before a real stream can decode and run over its start, so every offset is
    // tried even inside a decoded stream: skipping past one could hide the real one.
    const decoded = decodeAt(input, p, length);
    if (decoded) yield { offset: start, data: decoded.data };
  }
}
