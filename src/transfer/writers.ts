import { createAegisWriter } from './formats/aegis';
import { createKeyfobBackupWriter } from './formats/keyfob-backup';
import { writeOtpauthList } from './formats/otpauth-export';
import type { ExportAccount, ExportFormatId, ExportOptions } from './types';

/** Writes one export format. */
export type ExportWriter = (
  accounts: readonly ExportAccount[],
  options: ExportOptions,
) => Promise<Uint8Array>;

/** The writer of each export format. */
export const EXPORT_WRITERS: Partial<Record<ExportFormatId, ExportWriter>> = {
  keyfob: createKeyfobBackupWriter(),
  aegis: createAegisWriter(),
  otpauth: writeOtpauthList,
};
