import { isNear, tagOf } from './dom-text';

/** An image that may be a QR code of an otpauth URI. Decoding it is done elsewhere. */
export interface QrImageCandidate {
  /** A `data:image/…` URL as written, or the absolute same-origin URL. */
  src: string;
  element: HTMLImageElement;
  /** The page calls it a QR code (alt, class, id, title, aria-label or a `data-…qr…` name). */
  labelledQr: boolean;
}

const MAX_CANDIDATES = 8;
/** Smaller than this, in CSS pixels, a QR code cannot be scanned from a screen. */
const MIN_SIDE = 48;
const QR_WORDS = /\bqr\b|qr[-_ ]?code|qrcode/i;

/**
 * The image's source if Keyfob may read it: a `data:image/…` URL, or a URL of the page's own
 * origin (including `blob:` URLs the page made). Cross-origin images are left alone: reading
 * their pixels would need a network fetch or a tainted canvas, and a setup QR is never one.
 */
function readableSource(
  image: HTMLImageElement,
  pageOrigin: string | undefined,
): string | undefined {
  const raw = (image.getAttribute('src') ?? '').trim();
  if (/^data:image\//i.test(raw)) return raw;
  if (!raw || pageOrigin === undefined || /^data:/i.test(raw)) return undefined;
  try {
    const url = new URL(raw, image.ownerDocument.baseURI);
    return url.origin === pageOrigin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Width and height attributes say the image is too small or clearly not square. */
function isWrongShape(image: HTMLImageElement): boolean {
  const width = Number(image.getAttribute('width'));
  const height = Number(image.getAttribute('height'));
  if (!width || !height) return false;
  return width < MIN_SIDE || height < MIN_SIDE || width / height > 1.25 || height / width > 1.25;
}

function mentionsQr(image: HTMLImageElement): boolean {
  const said = Array.from(image.attributes)
    .filter((attribute) => attribute.name !== 'src')
    .map((attribute) =>
      attribute.name.startsWith('data-') ? `${attribute.name} ${attribute.value}` : attribute.value,
    )
    .join(' ');
  return QR_WORDS.test(said);
}

function originOf(doc: Document): string | undefined {
  try {
    const origin = new URL(doc.URL).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Images in `doc` that may show the setup QR code, best first: those the page calls a QR
 * code, then those near `anchor` (the code input), then the rest. At most eight.
 */
export function findQrImages(
  doc: Document,
  anchor: Element | undefined,
  nearLevels = 8,
): QrImageCandidate[] {
  const origin = originOf(doc);
  const scored: { candidate: QrImageCandidate; rank: number; order: number }[] = [];
  Array.from(doc.getElementsByTagName('img'))
    .slice(0, 500)
    .forEach((element, order) => {
      if (tagOf(element) !== 'img' || isWrongShape(element)) return;
      const src = readableSource(element, origin);
      if (src === undefined) return;
      const labelledQr = mentionsQr(element);
      const near = anchor !== undefined && isNear(anchor, element, nearLevels);
      const rank = (labelledQr ? 2 : 0) + (near ? 1 : 0);
      scored.push({ candidate: { src, element, labelledQr }, rank, order });
    });
  return scored
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .slice(0, MAX_CANDIDATES)
    .map(({ candidate }) => candidate);
}
