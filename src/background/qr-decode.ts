import { browser } from 'wxt/browser';
import { KeyfobError, fromBase64 } from '../shared';
import {
  MAX_QR_DATA_URL_CHARS,
  MAX_QR_DECODE_PIXELS,
  MAX_QR_IMAGE_BYTES,
  MAX_QR_IMAGE_PIXELS,
  QR_WASM_FILE,
  createQrDecoder,
  readImageSize,
  type QrDecoder,
} from '../qr';

/** The browser APIs the adapter draws with; service workers and event pages both have them. */
export interface QrImageDeps {
  createImageBitmap: (blob: Blob, options?: ImageBitmapOptions) => Promise<ImageBitmap>;
  createCanvas: (width: number, height: number) => OffscreenCanvas;
  decoder: QrDecoder;
}

/** Reads every QR code in an image file. */
export interface QrImageReader {
  /**
   * Every QR code in a PNG, JPEG, GIF, WebP or BMP image, in reading order. Throws
   * `image-too-large` for a file or declared size past the caps (checked before decoding) and
   * `unreadable-image` for anything that is not such an image.
   */
  decodeQrImage(blob: Blob): Promise<string[]>;
}

const tooLarge = () =>
  new KeyfobError('image-too-large', 'This image is too large to read QR codes from.');
const unreadable = () =>
  new KeyfobError('unreadable-image', 'This file is not an image Keyfob can read.');

/** The size to draw at: the image's own, or scaled down to the decoder's pixel budget. */
function fit(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(MAX_QR_DECODE_PIXELS / (width * height)));
  return {
    width: Math.max(1, Math.floor(width * scale)),
    height: Math.max(1, Math.floor(height * scale)),
  };
}

/** The QR image reader over the given browser APIs (fakes in tests). */
export function createQrImageReader(deps: QrImageDeps): QrImageReader {
  return {
    async decodeQrImage(blob) {
      if (blob.size > MAX_QR_IMAGE_BYTES) throw tooLarge();
      const declared = readImageSize(new Uint8Array(await blob.arrayBuffer()));
      if (!declared) throw unreadable();
      if (declared.width * declared.height > MAX_QR_IMAGE_PIXELS) throw tooLarge();
      const size = fit(declared.width, declared.height);
      const resize =
        size.width < declared.width
          ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' as const }
          : undefined;
      let bitmap: ImageBitmap;
      try {
        bitmap = await deps.createImageBitmap(blob, resize);
      } catch {
        throw unreadable();
      }
      let pixels: ImageData;
      try {
        // A header that understated the size is caught here, before any drawing.
        if (bitmap.width * bitmap.height > MAX_QR_DECODE_PIXELS) throw tooLarge();
        const canvas = deps.createCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (!context) throw unreadable();
        // QR codes drawn on a transparent background would read as black on black.
        context.fillStyle = '#fff';
        context.fillRect(0, 0, bitmap.width, bitmap.height);
        context.drawImage(bitmap, 0, 0);
        pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
      } finally {
        bitmap.close();
      }
      return deps.decoder.decodeQrCodes(pixels);
    },
  };
}

const reader = createQrImageReader({
  createImageBitmap: (blob, options) => createImageBitmap(blob, options),
  createCanvas: (width, height) => new OffscreenCanvas(width, height),
  decoder: createQrDecoder({
    loadWasm: async () => {
      const response = await fetch(new URL(QR_WASM_FILE, browser.runtime.getURL('/')));
      if (!response.ok) throw new KeyfobError('qr-decoder-missing', 'The QR decoder is missing.');
      return response.arrayBuffer();
    },
  }),
});

/**
 * Every QR code in an image (a `captureVisibleTab` screenshot, a picked or pasted file), in
 * reading order. Checks the byte size and the header's pixel size before decoding; see
 * {@link QrImageReader.decodeQrImage} for the errors.
 */
export function decodeQrImage(blob: Blob): Promise<string[]> {
  return reader.decodeQrImage(blob);
}

/**
 * Decodes a QR code from a `data:image/...;base64,` URL a setup page sent, in the background,
 * where the secret it holds may be. Returns the first code, or null for anything that is not
 * a readable QR image.
 */
export async function decodeQrDataUrl(dataUrl: string): Promise<string | null> {
  const match = /^data:(image\/(?:png|gif|jpeg|webp|bmp));base64,([A-Za-z0-9+/=\s]+)$/i.exec(
    dataUrl.length <= MAX_QR_DATA_URL_CHARS ? dataUrl : '',
  );
  if (!match) return null;
  try {
    const bytes = fromBase64(match[2]!.replace(/\s+/g, ''));
    const [first] = await decodeQrImage(new Blob([bytes], { type: match[1]! }));
    return first ?? null;
  } catch {
    return null;
  }
}
