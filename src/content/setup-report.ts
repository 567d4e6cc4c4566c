import type { SetupScreen } from '../cognito/screens';
import type { AccountHints, SetupReport } from '../messaging/content-protocol';
import { isCleanText } from './page-messages';
import { captureQrImages } from './qr-capture';

/** Longest issuer hint taken from the page's title. */
const MAX_ISSUER_CHARS = 100;

/** Hints the page itself gives about whose account this is: for now its title, as the issuer. */
export function pageHints(doc: Document): AccountHints {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  return isCleanText(title, MAX_ISSUER_CHARS) ? { issuer: title } : {};
}

/**
 * What identifies a setup screen's content: the same secret, URI and images make the same
 * report, so DOM mutations that change nothing else send nothing new.
 */
export function setupKey(screen: SetupScreen): string {
  return [
    screen.secret ?? '',
    screen.otpauthUri ?? '',
    ...screen.qrImages.map((image) => image.src),
  ].join('\n');
}

/**
 * The report for a setup screen the detectors found, with QR images captured as data URLs.
 * Null when it holds nothing the background could take a secret from (the QR code has not
 * been rendered yet, say).
 */
export async function buildSetupReport(
  screen: SetupScreen,
  doc: Document,
): Promise<SetupReport | null> {
  const qrImages = await captureQrImages(screen.qrImages);
  if (screen.secret === undefined && screen.otpauthUri === undefined && qrImages.length === 0) {
    return null;
  }
  const report: SetupReport = { hints: pageHints(doc) };
  if (screen.secret !== undefined) report.secret = screen.secret;
  if (screen.otpauthUri !== undefined) report.otpauthUri = screen.otpauthUri;
  if (qrImages.length > 0) report.qrImages = qrImages;
  return report;
}
