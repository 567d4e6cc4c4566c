import type * as ZXingReader from 'zxing-wasm/reader';
import { KeyfobError } from '../shared';
import { MAX_QR_DECODE_PIXELS } from './limits';
import { readingOrder } from './reading-order';

/** RGBA pixels, as a canvas's `getImageData` returns them. */
export interface QrPixels {
  data: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/** What the decoder needs from its host. */
export interface QrDecoderDeps {
  /** The bytes of zxing-wasm's `zxing_reader.wasm`, shipped with the extension. */
  loadWasm: () => Promise<ArrayBuffer>;
}

/** Reads every QR code in an image. */
export interface QrDecoder {
  /**
   * Every QR code found in the image, deduplicated, in reading order (rows top to bottom,
   * left to right within a row). Throws `image-too-large` past the decode pixel cap.
   */
  decodeQrCodes(image: QrPixels): Promise<string[]>;
}

type Reader = typeof ZXingReader;

/**
 * A QR decoder over ZXing-C++ compiled to WebAssembly (chosen by measurement, see
 * scripts/bench-qr.mjs). The library and its wasm load on the first decode, so a bundle that
 * never decodes never runs or fetches them. The wasm comes from `loadWasm`, never from the
 * library's default, which is a CDN.
 */
export function createQrDecoder(deps: QrDecoderDeps): QrDecoder {
  let reader: Promise<Reader> | undefined;
  const load = async (): Promise<Reader> => {
    const zxing = await import('zxing-wasm/reader');
    const wasmBinary = await deps.loadWasm();
    await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return zxing;
  };

  return {
    async decodeQrCodes(image) {
      const { data, width, height } = image;
      if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
        return [];
      }
      if (width * height > MAX_QR_DECODE_PIXELS) {
        throw new KeyfobError('image-too-large', 'This image is too large to read QR codes from.');
      }
      if (data.length !== width * height * 4) return [];
      // A failed load (say, the wasm did not arrive) is tried again on the next decode.
      reader ??= load().catch((error: unknown) => {
        reader = undefined;
        throw error;
      });
      const { readBarcodes } = await reader;
      const results = await readBarcodes(
        { data, width, height, colorSpace: 'srgb' },
        {
          formats: ['QRCode'],
          tryHarder: true,
          tryInvert: true,
          tryRotate: true,
          tryDownscale: true,
          maxNumberOfSymbols: 32,
        },
      );
      return readingOrder(results.filter((r) => r.isValid && r.text !== ''));
    },
  };
}
