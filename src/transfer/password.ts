import { utf8Encode } from '../shared';
import { TransferError } from './errors';

/** The file's password; none, or an empty one, is `password-required`. */
export function requirePassword(password: string | undefined): string {
  if (!password) {
    throw new TransferError('password-required', 'This file is encrypted. Enter its password.');
  }
  return password;
}

/**
 * The UTF-8 bytes of a Keyfob backup's password, NFC-normalised so that the same words typed
 * where accents are composed differently (macOS gives NFD) still open the file.
 */
export function passwordBytes(password: string | undefined): Uint8Array {
  return utf8Encode(requirePassword(password).normalize('NFC'));
}

/** The error for a password that does not open the file; the person may try again. */
export function wrongPassword(): TransferError {
  return new TransferError('wrong-password', 'That password does not open this file.');
}
