import { aegisReader } from './formats/aegis';
import { authenticatorExtensionReader } from './formats/authenticator-extension';
import { keyfobBackupReader } from './formats/keyfob-backup';
import type { ImportReader } from './types';

/**
 * Every import format, in the order their recognisers are tried: the most specific first, so
 * that a JSON export is never mistaken for a list of lines.
 */
export const IMPORT_READERS: readonly ImportReader[] = [
  keyfobBackupReader,
  aegisReader,
  authenticatorExtensionReader,
];
