import { createOtpParams, parseOtpauthUri } from '../otp';
import type { OtpParams } from '../otp/types';
import type { SetupReport } from '../messaging/content-protocol';

/** Issuer Amplify puts in every QR code unless the app sets one: it names no site. */
const GENERIC_ISSUERS = new Set(['awscognito', 'amazon cognito', 'cognito']);

/**
 * Turns what a setup page showed into account parameters, or null when nothing in it is a
 * usable secret. Everything here came from a web page: each candidate is parsed and
 * validated by the OTP core, and a bad one is skipped rather than trusted.
 *
 * The secret comes from, in order: the page observer's SecretCode or the secret shown as
 * text; else an otpauth URI in the page; else a QR code. Labels come from an otpauth URI
 * carrying the same secret, else from the page's hints; a generic or missing issuer becomes
 * the site's host, so three Cognito apps do not all appear as "AWSCognito".
 */
/** A captured account, and whether its labels came from the site's own otpauth URI. */
export interface Capture {
  params: OtpParams;
  labelledByUri: boolean;
}

export async function resolveCapture(
  report: SetupReport,
  origin: string,
  decodeQr: (dataUrl: string) => Promise<string | null>,
): Promise<Capture | null> {
  const uris: OtpParams[] = [];
  const tryUri = (text: string | null | undefined) => {
    if (!text || !/^otpauth:/i.test(text.trim())) return;
    try {
      uris.push(parseOtpauthUri(text));
    } catch {
      // A malformed URI from the page is just not a candidate.
    }
  };
  tryUri(report.otpauthUri);
  for (const image of (report.qrImages ?? []).slice(0, 4)) tryUri(await decodeQr(image));

  let secret: string | undefined;
  if (report.secret) {
    try {
      secret = createOtpParams({ secret: report.secret, issuer: 'x' }).secret;
    } catch {
      secret = undefined;
    }
  }
  // A QR code may hold a bare secret rather than a URI; the first URI otherwise decides.
  const labelled = uris.find((u) => secret === undefined || u.secret === secret);
  const chosen = secret ?? labelled?.secret;
  if (!chosen) return null;

  const host = new URL(origin).host;
  const issuerFrom = (value: string | undefined) =>
    value && !GENERIC_ISSUERS.has(value.trim().toLowerCase()) ? value : undefined;
  const issuer = issuerFrom(labelled?.issuer) ?? issuerFrom(report.hints.issuer) ?? host;
  const account = labelled?.account || report.hints.account || '';
  try {
    const params = createOtpParams({
      type: 'totp',
      secret: chosen,
      issuer,
      account,
      algorithm: labelled?.algorithm ?? 'SHA1',
      digits: labelled?.digits ?? 6,
      period: labelled?.period ?? 30,
    });
    return { params, labelledByUri: labelled !== undefined };
  } catch {
    // A page-supplied name the OTP core refuses: keep the secret under the host alone.
    const params = createOtpParams({ type: 'totp', secret: chosen, issuer: host, account: '' });
    return { params, labelledByUri: false };
  }
}
