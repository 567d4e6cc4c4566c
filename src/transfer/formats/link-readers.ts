import type { ImportReader } from '../types';
import { isMigrationLine } from './google-migration';
import { isLinkLine, readLinkLines } from './link-lines';

const nonBlankLines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');

/**
 * Google Authenticator's export: one or more `otpauth-migration://` links, one per line (the
 * QR codes of one or several exports). QR codes missing from an export are listed as skipped.
 */
export const googleMigrationReader: ImportReader = {
  id: 'google-authenticator',
  recognise(text) {
    const lines = nonBlankLines(text);
    return lines.length > 0 && lines.every(isMigrationLine);
  },
  async read(text) {
    const { accounts, skipped } = readLinkLines(text);
    return { format: 'google-authenticator', accounts, skipped };
  },
};

/**
 * A plain list of `otpauth://` links, one per line, as many apps export and as people paste
 * them: any mix of totp, hotp and steam, and Google Authenticator export links among them.
 * Recognised when a line is a link and the text is not JSON.
 */
export const otpauthListReader: ImportReader = {
  id: 'otpauth',
  recognise(text) {
    return !/^\s*[[{]/.test(text) && nonBlankLines(text).some(isLinkLine);
  },
  async read(text) {
    const { accounts, skipped } = readLinkLines(text);
    return { format: 'otpauth', accounts, skipped };
  },
};
