/** An image's size in pixels, as its header declares it. */
export interface ImageSize {
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function png(bytes: Uint8Array): ImageSize | undefined {
  // The signature, then IHDR must be the first chunk (PNG §5.6).
  if (bytes.length < 24 || !ascii(bytes, 1, 'PNG\r\n\x1a\n') || bytes[0] !== 0x89) return;
  if (!ascii(bytes, 12, 'IHDR')) return;
  return { width: view(bytes).getUint32(16), height: view(bytes).getUint32(20) };
}

function gif(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 10 || !(ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'))) return;
  return { width: view(bytes).getUint16(6, true), height: view(bytes).getUint16(8, true) };
}

function bmp(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 26 || !ascii(bytes, 0, 'BM')) return;
  const data = view(bytes);
  // The 12-byte OS/2 header holds 16-bit sizes; every later header 32-bit signed ones, with a
  // negative height for a top-down image.
  if (data.getUint32(14, true) === 12) {
    return { width: data.getUint16(18, true), height: data.getUint16(20, true) };
  }
  return { width: Math.abs(data.getInt32(18, true)), height: Math.abs(data.getInt32(22, true)) };
}

function webp(bytes: Uint8Array): ImageSize | undefined {
  if (!ascii(bytes, 0, 'RIFF') || !ascii(bytes, 8, 'WEBP')) return;
  const data = view(bytes);
  if (ascii(bytes, 12, 'VP8L')) {
    if (bytes.length < 25 || bytes[20] !== 0x2f) return;
    const bits = data.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (bytes.length < 30) return;
  if (ascii(bytes, 12, 'VP8X')) {
    const u24 = (at: number) => data.getUint16(at, true) + (bytes[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (ascii(bytes, 12, 'VP8 ')) {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return;
    return { width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  }
  return undefined;
}

/** Start-of-frame markers: every JPEG coding process except DHT (C4), JPG (C8) and DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(bytes: Uint8Array): ImageSize | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return;
  const data = view(bytes);
  let at = 2;
  // Walk the marker segments up to the first frame header; each step moves forward, so a
  // hostile file ends the walk at its end at the latest.
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return;
    const length = data.getUint16(at + 2);
    if (length < 2) return;
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) return;
      return { width: data.getUint16(at + 7), height: data.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * The width and height a PNG, JPEG, GIF, WebP or BMP file declares, read from its header
 * without decoding any pixel; undefined for anything else, a truncated header or a zero side.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  for (const read of [png, jpeg, gif, webp, bmp]) {
    const size = read(bytes);
    if (size) return size.width > 0 && size.height > 0 ? size : undefined;
  }
  return undefined;
}
