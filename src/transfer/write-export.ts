import { TransferError } from './errors';
import { EXPORT_WRITERS } from './writers';
import type { ExportAccount, ExportOptions } from './types';

/**
 * Writes accounts in an export format, as the bytes of one file. `keyfob` and `aegis` are
 * encrypted with `options.password`; `otpauth` is plain text and exposes every secret.
 *
 * Throws {@link TransferError} `password-required` when an encrypted format has no password.
 */
export async function writeExport(
  accounts: readonly ExportAccount[],
  options: ExportOptions,
): Promise<Uint8Array> {
  const writer = EXPORT_WRITERS[options.format];
  if (!writer) {
    throw new TransferError('unsupported-format', 'Keyfob cannot write that format.');
  }
  return writer(accounts, options);
}
