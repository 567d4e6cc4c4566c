import { parseOtpauthUri } from '../../otp/uri-parse';
import { TransferError } from '../errors';
import { createCollector, type Collector } from './collect';
import {
  isMigrationLine,
  readMigrationLink,
  reportMissingBatches,
  type MigrationBatch,
} from './google-migration';

const OTPAUTH_LINE = /^otpauth:/i;

/** True for a line that is an `otpauth://` or `otpauth-migration://` link. */
export const isLinkLine = (line: string): boolean =>
  OTPAUTH_LINE.test(line.trim()) || isMigrationLine(line);

/**
 * Reads text holding one link per line: `otpauth://` accounts of any type and Google
 * Authenticator `otpauth-migration://` exports, mixed. Blank lines, surrounding spaces and
 * Windows line ends are fine; the same line twice (one QR code scanned twice) counts once.
 * A line that is no link, or a link Keyfob refuses, is skipped as "Line N" with the reason.
 * Text whose every link is a damaged migration link throws `damaged-file`.
 */
export function readLinkLines(text: string): Collector {
  const into = createCollector();
  const batches: MigrationBatch[] = [];
  const seen = new Set<string>();
  let damaged = 0;
  let links = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const label = `Line ${index + 1}`;
    if (line === '' || seen.has(line)) return;
    seen.add(line);
    if (isMigrationLine(line)) {
      links += 1;
      try {
        batches.push(readMigrationLink(line, into));
      } catch (error) {
        if (!(error instanceof TransferError)) throw error;
        damaged += 1;
        into.skip(label, error.message);
      }
    } else if (OTPAUTH_LINE.test(line)) {
      links += 1;
      into.add(label, () => parseOtpauthUri(line));
    } else {
      into.skip(label, 'This line is not an otpauth:// link.');
    }
  });
  if (links > 0 && damaged === links) {
    throw new TransferError(
      'damaged-file',
      'This Google Authenticator export link is damaged or incomplete. Scan its QR code again.',
    );
  }
  reportMissingBatches(batches, into);
  return into;
}
