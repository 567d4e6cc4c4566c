import { KeyfobError } from '../shared';
import type { VerifyOutcome } from '../cognito/protocol';
import type { AccountHints, SetupReport } from '../messaging/content-protocol';
import { MAX_QR_DATA_URL_CHARS } from '../qr';

const MAX_TEXT = 4096;
const MAX_HINT = 256;
const MAX_QR_IMAGES = 4;

function bad(): KeyfobError {
  return new KeyfobError('bad-report', 'Keyfob could not read what this page reported.');
}

function optionalString(value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw bad();
  return value;
}

/**
 * Reads a setup report from a content script. Its payload comes from a web page, so every
 * field is checked for type and size before anything looks at it; unknown fields are dropped.
 */
export function readSetupReport(data: unknown): SetupReport {
  if (typeof data !== 'object' || data === null) throw bad();
  const raw = data as Record<string, unknown>;
  const images = raw.qrImages ?? [];
  if (!Array.isArray(images)) throw bad();
  const qrImages = images
    .slice(0, MAX_QR_IMAGES)
    .map((image) => optionalString(image, MAX_QR_DATA_URL_CHARS))
    .filter((image): image is string => image !== undefined);
  const rawHints = (typeof raw.hints === 'object' && raw.hints !== null ? raw.hints : {}) as Record<
    string,
    unknown
  >;
  const hints: AccountHints = {};
  for (const key of ['account', 'issuer'] as const) {
    const value = optionalString(rawHints[key], MAX_HINT);
    if (value) hints[key] = value;
  }
  const report: SetupReport = { hints, qrImages };
  const secret = optionalString(raw.secret, MAX_TEXT);
  const otpauthUri = optionalString(raw.otpauthUri, MAX_TEXT);
  if (secret) report.secret = secret;
  if (otpauthUri) report.otpauthUri = otpauthUri;
  return report;
}

/** Reads a verify outcome from a content script; anything unexpected is refused. */
export function readVerifyOutcome(data: unknown): {
  enrollmentId?: string;
  outcome: VerifyOutcome;
} {
  if (typeof data !== 'object' || data === null) throw bad();
  const raw = data as { enrollmentId?: unknown; outcome?: Record<string, unknown> };
  const enrollmentId = optionalString(raw.enrollmentId, 64);
  const o = raw.outcome;
  let outcome: VerifyOutcome;
  if (o?.kind === 'status' && (o.status === 'SUCCESS' || o.status === 'ERROR')) {
    outcome = { kind: 'status', status: o.status };
  } else if (o?.kind === 'error' && typeof o.errorName === 'string' && o.errorName.length < 128) {
    outcome = { kind: 'error', errorName: o.errorName };
  } else if (o?.kind === 'left-setup') {
    outcome = { kind: 'left-setup' };
  } else {
    throw bad();
  }
  return enrollmentId ? { enrollmentId, outcome } : { outcome };
}
