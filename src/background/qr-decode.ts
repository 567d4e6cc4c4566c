import jsQR from 'jsqr';
import { fromBase64 } from '../shared';

/** Largest QR image accepted from a page, so a hostile page cannot make us decode a poster. */
export const MAX_QR_DATA_URL_CHARS = 2_000_000;
const MAX_QR_PIXELS = 2048 * 2048;

/**
 * Decodes a QR code from a `data:image/...;base64,` URL, in the background, where the secret
 * it holds may be. Uses `createImageBitmap` and `OffscreenCanvas`, which service workers and
 * event pages both have. Returns null for anything that is not a readable QR image.
 */
export async function decodeQrDataUrl(dataUrl: string): Promise<string | null> {
  const match = /^data:(image\/(?:png|gif|jpeg|webp|bmp));base64,([A-Za-z0-9+/=\s]+)$/i.exec(
    dataUrl.length <= MAX_QR_DATA_URL_CHARS ? dataUrl : '',
  );
  if (!match) return null;
  try {
    const bytes = fromBase64(match[2]!.replace(/\s+/g, ''));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: match[1] }));
    const { width, height } = bitmap;
    if (width * height > MAX_QR_PIXELS || width === 0 || height === 0) return null;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    // QR codes drawn on a transparent background would read as black on black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const { data } = context.getImageData(0, 0, width, height);
    return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } catch {
    return null;
  }
}
