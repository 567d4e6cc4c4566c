import { KeyfobError } from '../shared/errors';

/**
 * Why an import or export failed. Stable codes the UI switches on:
 * - `password-required`: the file is encrypted and no password was given;
 * - `wrong-password`: the password does not open it (try again without choosing the file again);
 * - `unsupported-format`: Keyfob does not recognise the content;
 * - `damaged-file`: the format is known but the content is broken or was changed.
 */
export type TransferErrorCode =
  'password-required' | 'wrong-password' | 'unsupported-format' | 'damaged-file';

/**
 * An import or export error. Its message never holds a secret, a password or a line of the
 * file (docs/architecture.md §3 rule 8), and it carries no `cause` from a parser, whose text may quote one.
 */
export class TransferError extends KeyfobError<TransferErrorCode> {
  override name = 'TransferError';
}
