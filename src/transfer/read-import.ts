import { TransferError } from './errors';
import { IMPORT_READERS } from './readers';
import type { ImportInput, ImportOptions, ImportResult } from './types';

/** Largest file Keyfob reads: far above any real export, small enough to hold in memory. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * Reads the accounts in an export file or pasted text (as a file named `pasted.txt`). The
 * format is recognised from the content; the name is only used for messages. Nothing is
 * written anywhere: the caller shows a preview and imports what the person confirms.
 *
 * Throws {@link TransferError}: `unsupported-format`, `damaged-file`, `password-required`,
 * `wrong-password`.
 */
export async function readImport(
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new TransferError('unsupported-format', 'This file is too large to be an export.');
  }
  const text = decodeText(input.bytes);
  if (text === undefined) throw notText(input.bytes);
  const reader = IMPORT_READERS.find((candidate) => candidate.recognise(text));
  if (!reader) {
    throw new TransferError(
      'unsupported-format',
      'Keyfob does not recognise this file. It reads otpauth lists and exports from Google Authenticator, Aegis, 2FAS, Bitwarden, Authenticator (the browser extension) and Keyfob.',
    );
  }
  return reader.read(text, options);
}

/** UTF-8 text without a byte-order mark, or `undefined` when the bytes are not UTF-8. */
function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * The error for bytes that are not UTF-8: a file of a format Keyfob knows with a byte
 * changed into invalid UTF-8 is damaged, anything else is not a format Keyfob reads.
 */
function notText(bytes: Uint8Array): TransferError {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  if (IMPORT_READERS.some((candidate) => candidate.recognise(lossy))) {
    return new TransferError(
      'damaged-file',
      'This file is damaged: part of it is not readable text.',
    );
  }
  return new TransferError('unsupported-format', 'This file is not text Keyfob can read.');
}
