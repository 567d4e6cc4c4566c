import { isKeyfobError } from '../shared';
import {
  MAX_QR_DECODE_PIXELS,
  MAX_QR_IMAGE_BYTES,
  MAX_QR_IMAGE_PIXELS,
  createQrDecoder,
  type QrPixels,
} from '../qr';
import { jpegHeader, pngHeader } from '../qr/headers.fixture';
import {
  loadQrWasm,
  qrFixtureBytes,
  qrFixturePixels,
  qrFixtures,
} from '../../test/fixtures/qr/load';
import { createQrImageReader, decodeQrDataUrl, type QrImageDeps } from './qr-decode';

/**
 * Stands in for createImageBitmap and OffscreenCanvas, which Node lacks: the "decoded"
 * bitmap is `pixels` (or `size` when only its size matters), and every bitmap made and
 * closed is counted.
 */
function fakeBrowser(pixels?: QrPixels, options: { failDraw?: boolean; size?: number } = {}) {
  const bitmaps: { closed: boolean }[] = [];
  const createImageBitmap = vi.fn(async (_blob: Blob, resize?: ImageBitmapOptions) => {
    const bitmap = {
      width: resize?.resizeWidth ?? options.size ?? pixels!.width,
      height: resize?.resizeHeight ?? options.size ?? pixels!.height,
      closed: false,
      close() {
        this.closed = true;
      },
    };
    bitmaps.push(bitmap);
    return bitmap as unknown as ImageBitmap;
  });
  const createCanvas = (width: number, height: number) =>
    ({
      getContext: () => ({
        fillRect: () => {},
        drawImage: () => {
          if (options.failDraw) throw new Error('draw failed');
        },
        getImageData: () => ({ data: pixels!.data, width, height }),
      }),
    }) as unknown as OffscreenCanvas;
  const decodeQrCodes = vi.fn(createQrDecoder({ loadWasm: loadQrWasm }).decodeQrCodes);
  const deps: QrImageDeps = { createImageBitmap, createCanvas, decoder: { decodeQrCodes } };
  return { deps, bitmaps, createImageBitmap, decodeQrCodes };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('decodeQrImage (createQrImageReader with fake browser APIs)', () => {
  it.each(qrFixtures.filter((f) => f.texts.length > 1))(
    'reads every code of $file, and closes its bitmap',
    async ({ file, texts }) => {
      const fake = fakeBrowser(qrFixturePixels(file));
      const reader = createQrImageReader(fake.deps);
      expect(await reader.decodeQrImage(new Blob([qrFixtureBytes(file)]))).toEqual(texts);
      expect(fake.createImageBitmap).toHaveBeenCalledWith(expect.any(Blob), undefined);
      expect(fake.bitmaps).toEqual([expect.objectContaining({ closed: true })]);
    },
  );

  it('refuses a tiny PNG whose header claims 30,000 × 30,000 without decoding it', async () => {
    const fake = fakeBrowser(undefined, { size: 30_000 });
    const blob = new Blob([pngHeader(30_000, 30_000)]);
    expect(blob.size).toBeLessThan(100);
    const error = await errorOf(createQrImageReader(fake.deps).decodeQrImage(blob));
    expect(isKeyfobError(error, 'image-too-large')).toBe(true);
    expect(fake.createImageBitmap).not.toHaveBeenCalled();
    expect(fake.decodeQrCodes).not.toHaveBeenCalled();
  });

  it('accepts a header at the pixel cap and draws it scaled down to the decode budget', async () => {
    const side = Math.sqrt(MAX_QR_IMAGE_PIXELS);
    const fake = fakeBrowser(undefined, { size: side });
    const reader = createQrImageReader({
      ...fake.deps,
      createCanvas: () => ({ getContext: () => null }) as unknown as OffscreenCanvas,
    });
    await errorOf(reader.decodeQrImage(new Blob([jpegHeader(side, side)])));
    const resize = fake.createImageBitmap.mock.calls[0]![1]!;
    expect(resize.resizeWidth).toBe(resize.resizeHeight);
    expect(resize.resizeWidth! * resize.resizeHeight!).toBeLessThanOrEqual(MAX_QR_DECODE_PIXELS);
    expect(resize.resizeWidth! * resize.resizeHeight!).toBeGreaterThan(MAX_QR_DECODE_PIXELS * 0.99);
    expect(fake.bitmaps).toEqual([expect.objectContaining({ closed: true })]);
  });

  it('refuses a file over the byte cap before reading it', async () => {
    const fake = fakeBrowser();
    const big = new Blob([pngHeader(10, 10), new Uint8Array(MAX_QR_IMAGE_BYTES)]);
    const error = await errorOf(createQrImageReader(fake.deps).decodeQrImage(big));
    expect(isKeyfobError(error, 'image-too-large')).toBe(true);
    expect(fake.createImageBitmap).not.toHaveBeenCalled();
  });

  it('refuses what is not a known image format, without decoding it', async () => {
    const fake = fakeBrowser();
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>']);
    const error = await errorOf(createQrImageReader(fake.deps).decodeQrImage(svg));
    expect(isKeyfobError(error, 'unreadable-image')).toBe(true);
    expect(fake.createImageBitmap).not.toHaveBeenCalled();
  });

  it('closes the bitmap when drawing fails, and when the bitmap is larger than its header said', async () => {
    const failing = fakeBrowser(qrFixturePixels('small@1x.png'), { failDraw: true });
    const blob = new Blob([qrFixtureBytes('small@1x.png')]);
    await expect(createQrImageReader(failing.deps).decodeQrImage(blob)).rejects.toThrow();
    expect(failing.bitmaps).toEqual([expect.objectContaining({ closed: true })]);

    const lying = fakeBrowser(undefined, { size: 4000 });
    const error = await errorOf(
      createQrImageReader(lying.deps).decodeQrImage(new Blob([pngHeader(100, 100)])),
    );
    expect(isKeyfobError(error, 'image-too-large')).toBe(true);
    expect(lying.bitmaps).toEqual([expect.objectContaining({ closed: true })]);
    expect(lying.decodeQrCodes).not.toHaveBeenCalled();
  });
});

describe('decodeQrDataUrl', () => {
  it('answers null, not an error, for anything that is not a readable image URL', async () => {
    expect(await decodeQrDataUrl('data:text/html;base64,PGI+')).toBeNull();
    expect(await decodeQrDataUrl('https://example.com/qr.png')).toBeNull();
    // Node has no createImageBitmap: the decode fails, and that too is just "no code".
    const png = Buffer.from(qrFixtureBytes('small@1x.png')).toString('base64');
    expect(await decodeQrDataUrl(`data:image/png;base64,${png}`)).toBeNull();
  });
});
