import { aegisReader } from './formats/aegis';
import { authenticatorExtensionReader } from './formats/authenticator-extension';
import { keyfobBackupReader } from './formats/keyfob-backup';
import { bitwardenCsvReader, bitwardenJsonReader } from './formats/bitwarden';
import { googleMigrationReader, otpauthListReader } from './formats/link-readers';
import { twoFasReader } from './formats/two-fas';
import type { ImportReader } from './types';

/**
 * Every import format, in the order their recognisers are tried: the most specific first, so
 * that a JSON export is never mistaken for a list of lines.
 */
export const IMPORT_READERS: readonly ImportReader[] = [
  keyfobBackupReader,
  aegisReader,
  authenticatorExtensionReader,
  twoFasReader,
  bitwardenJsonReader,
  bitwardenCsvReader,
  googleMigrationReader,
  // Last: a list is any text with a link on some line.
  otpauthListReader,
];
