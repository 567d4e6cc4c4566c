import { isKeyfobError } from '../shared';
import {
  loadQrWasm as loadWasm,
  qrFixturePixels as pixels,
  qrFixtures as manifest,
} from '../../test/fixtures/qr/load';
import { createQrDecoder, type QrPixels } from './decode';
import { MAX_QR_DECODE_PIXELS } from './limits';

describe('decodeQrCodes over the fixture screenshots', () => {
  const { decodeQrCodes } = createQrDecoder({ loadWasm });

  it('has a fixture set that covers the cases the issue names', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(20);
    expect(manifest.some((m) => m.texts.length >= 3)).toBe(true);
    expect(manifest.some((m) => m.texts.length === 0)).toBe(true);
  });

  it.each(manifest)('$file: exactly the expected texts, in reading order', async (entry) => {
    expect(await decodeQrCodes(pixels(entry.file))).toEqual(entry.texts);
  });
});

describe('createQrDecoder', () => {
  const blank = (width: number, height: number): QrPixels => ({
    data: new Uint8ClampedArray(width * height * 4).fill(255),
    width,
    height,
  });

  it('refuses more pixels than the decode cap, before loading anything', async () => {
    const loads = vi.fn(loadWasm);
    const { decodeQrCodes } = createQrDecoder({ loadWasm: loads });
    const side = Math.ceil(Math.sqrt(MAX_QR_DECODE_PIXELS)) + 1;
    const error = await decodeQrCodes(blank(side, side)).catch((e: unknown) => e);
    expect(isKeyfobError(error, 'image-too-large')).toBe(true);
    expect(loads).not.toHaveBeenCalled();
  });

  it('finds nothing in a blank image or one whose pixels do not match its size', async () => {
    const { decodeQrCodes } = createQrDecoder({ loadWasm });
    expect(await decodeQrCodes(blank(64, 64))).toEqual([]);
    expect(await decodeQrCodes({ ...blank(64, 64), width: 65 })).toEqual([]);
    expect(await decodeQrCodes(blank(0, 0))).toEqual([]);
  });

  it('tries to load the wasm again after a failed load', async () => {
    const loads = vi
      .fn<() => Promise<ArrayBuffer>>()
      .mockRejectedValueOnce(new Error('no wasm'))
      .mockImplementation(loadWasm);
    const { decodeQrCodes } = createQrDecoder({ loadWasm: loads });
    const image = pixels('small@1x.png');
    await expect(decodeQrCodes(image)).rejects.toThrow('no wasm');
    expect(await decodeQrCodes(image)).toHaveLength(1);
  });
});
