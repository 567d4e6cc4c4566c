import { formatOtpauthUri } from '../../otp/uri-format';
import { utf8Encode } from '../../shared';
import type { ExportAccount } from '../types';

/**
 * Writes the plain otpauth list: one `otpauth://` link per line, every secret in the clear.
 * Reads back with the `otpauth` reader, and in any app that reads otpauth links.
 */
export async function writeOtpauthList(accounts: readonly ExportAccount[]): Promise<Uint8Array> {
  return utf8Encode(accounts.map(({ params }) => `${formatOtpauthUri(params)}\n`).join(''));
}
