import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bytes, jpegHeader, pngHeader } from './headers.fixture';
import { readImageSize } from './image-size';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/qr');

const be16 = (n: number) => [n >>> 8, n & 255];
const le16 = (n: number) => [n & 255, n >>> 8];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];

describe('readImageSize', () => {
  it('reads the committed PNG and JPEG screenshots as their decoders do', () => {
    expect(readImageSize(readFileSync(join(FIXTURES, 'small@2x.png')))).toEqual({
      width: 1120,
      height: 840,
    });
    expect(readImageSize(readFileSync(join(FIXTURES, 'jpeg-q60@1x.jpg')))).toEqual({
      width: 560,
      height: 420,
    });
  });

  it('reads PNG from IHDR', () => {
    expect(readImageSize(pngHeader(30_000, 20_000))).toEqual({ width: 30_000, height: 20_000 });
  });

  it('reads JPEG from the first frame header, past APP segments, padding and any SOF kind', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...'JFIF\0'.split('').map((c) => c.charCodeAt(0))];
    const padded = [...app0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
    expect(readImageSize(jpegHeader(640, 480, padded))).toEqual({ width: 640, height: 480 });
    const progressive = jpegHeader(33, 44);
    progressive[3] = 0xc2;
    expect(readImageSize(progressive)).toEqual({ width: 33, height: 44 });
  });

  it('does not take a Huffman table (FFC4) for a frame header', () => {
    const dht = [0xff, 0xc4, ...be16(7), 0, 0x11, 0x22, 0x33, 0x44];
    expect(readImageSize(jpegHeader(100, 50, dht))).toEqual({ width: 100, height: 50 });
  });

  it('reads GIF87a and GIF89a logical screens', () => {
    expect(readImageSize(bytes('GIF89a', le16(300), le16(200), [0, 0, 0]))).toEqual({
      width: 300,
      height: 200,
    });
    expect(readImageSize(bytes('GIF87a', le16(1), le16(2), [0]))).toEqual({ width: 1, height: 2 });
  });

  it('reads BMP with the old 12-byte header and with top-down (negative height) bitmaps', () => {
    const fileHeader = ['BM', le32(0), le32(0), le32(54)] as const;
    expect(readImageSize(bytes(...fileHeader, le32(40), le32(800), le32(-600 >>> 0)))).toEqual({
      width: 800,
      height: 600,
    });
    expect(
      readImageSize(bytes(...fileHeader, le32(12), le16(64), le16(32), [1, 0, 24, 0])),
    ).toEqual({ width: 64, height: 32 });
  });

  it('reads WebP in its lossy, lossless and extended forms', () => {
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', le32(100), 'WEBP', chunk, le32(body.length), body);
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(320), ...le16(240), 0, 0]);
    expect(readImageSize(lossy)).toEqual({ width: 320, height: 240 });
    const bits = 399 | (299 << 14);
    const lossless = riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0, 0]);
    expect(readImageSize(lossless)).toEqual({ width: 400, height: 300 });
    const extended = riff('VP8X', [0, 0, 0, 0, 0xff, 0x3f, 0, 0x1f, 0x4e, 0, 0, 0]);
    expect(readImageSize(extended)).toEqual({ width: 16_384, height: 20_000 });
  });

  it('gives undefined for truncated, zero-sized, unknown or lying headers', () => {
    const png = pngHeader(10, 10);
    for (let length = 0; length < 24; length += 1) {
      expect(readImageSize(png.subarray(0, length)), `PNG cut at ${length}`).toBeUndefined();
    }
    expect(readImageSize(pngHeader(0, 10))).toBeUndefined();
    const notIhdr = pngHeader(10, 10);
    notIhdr[12] = 'X'.charCodeAt(0);
    expect(readImageSize(notIhdr)).toBeUndefined();
    const jpeg = jpegHeader(10, 10);
    for (let length = 0; length < jpeg.length - 4; length += 1) {
      expect(readImageSize(jpeg.subarray(0, length)), `JPEG cut at ${length}`).toBeUndefined();
    }
    // A segment length of zero would walk in place forever; start of scan ends the header.
    expect(readImageSize(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBeUndefined();
    expect(readImageSize(bytes([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 2, 3, 4, 5, 6]))).toBeUndefined();
    expect(readImageSize(bytes('<svg width="10" height="10"/>'))).toBeUndefined();
    expect(readImageSize(bytes('GIF89a', le16(0), le16(5)))).toBeUndefined();
  });

  it('never throws and never returns a non-positive side, whatever the bytes', () => {
    const prefixes = [pngHeader(1, 1).subarray(0, 16), jpegHeader(1, 1).subarray(0, 4)];
    fc.assert(
      fc.property(
        fc.constantFrom(
          new Uint8Array(),
          ...prefixes,
          bytes('GIF89a'),
          bytes('RIFF\0\0\0\0WEBP'),
          bytes('BM'),
        ),
        fc.uint8Array({ maxLength: 64 }),
        (prefix, rest) => {
          const size = readImageSize(Uint8Array.from([...prefix, ...rest]));
          if (size) expect(size.width > 0 && size.height > 0).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
