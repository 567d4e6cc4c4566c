/** Image headers built byte by byte, for tests that need a file to claim a size. */

const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [n >>> 8, n & 255];

/** Bytes from numbers and latin-1 strings. */
export const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

/** A PNG signature and IHDR chunk claiming `width` × `height`, and no pixels. */
export const pngHeader = (width: number, height: number) =>
  bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(width), be32(height), [8, 6, 0, 0, 0]);

/** A JPEG start and baseline frame header claiming `width` × `height`, after `before`. */
export const jpegHeader = (width: number, height: number, before: number[] = []) =>
  bytes([0xff, 0xd8], before, [0xff, 0xc0], be16(17), [8], be16(height), be16(width), [3]);
