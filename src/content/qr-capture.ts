import type { QrImageCandidate } from '../cognito/screens';
import { MAX_QR_DATA_URL_CHARS } from '../qr/limits';

/** Most QR images sent in one report. */
export const MAX_QR_IMAGES = 4;
/** Largest side drawn to a canvas, in pixels. */
const MAX_SIDE = 2048;

const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+[;,]/i;

/** Waits until the image has loaded (true) or failed or took too long (false). */
function loaded(image: HTMLImageElement, timeoutMs: number): Promise<boolean> {
  if (image.complete) return Promise.resolve(image.naturalWidth > 0);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      image.removeEventListener('load', onLoad);
      image.removeEventListener('error', onError);
      resolve(ok);
    };
    const onLoad = () => done(image.naturalWidth > 0);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    image.addEventListener('load', onLoad);
    image.addEventListener('error', onError);
  });
}

/**
 * The pixels of an image the page already loaded, as a PNG data URL. Only same-origin images
 * reach here; one that redirected elsewhere taints the canvas and is skipped. Nothing is
 * fetched: the canvas draws what the page has.
 */
function drawToDataUrl(image: HTMLImageElement): string | undefined {
  const width = Math.min(image.naturalWidth, MAX_SIDE);
  const height = Math.min(image.naturalHeight, MAX_SIDE);
  if (width <= 0 || height <= 0) return undefined;
  try {
    const canvas = image.ownerDocument.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(image, 0, 0, width, height);
    const url = canvas.toDataURL('image/png');
    return DATA_IMAGE.test(url) ? url : undefined;
  } catch {
    // A tainted canvas (SecurityError) or no canvas support.
    return undefined;
  }
}

/**
 * The QR candidates as data: URLs, best first: `data:image/…` sources as written, same-origin
 * images drawn to a canvas. Cross-origin images never reach here (the detector leaves them
 * out) and are never fetched.
 */
export async function captureQrImages(
  candidates: readonly QrImageCandidate[],
  timeoutMs = 1000,
): Promise<string[]> {
  const urls: string[] = [];
  for (const candidate of candidates) {
    if (urls.length >= MAX_QR_IMAGES) break;
    let url: string | undefined;
    if (DATA_IMAGE.test(candidate.src)) url = candidate.src;
    else if (await loaded(candidate.element, timeoutMs)) url = drawToDataUrl(candidate.element);
    if (url && url.length <= MAX_QR_DATA_URL_CHARS && !urls.includes(url)) urls.push(url);
  }
  return urls;
}
