import { KeyfobError } from '../shared';

/** Stable codes of {@link VaultError}. */
export type VaultErrorCode =
  | 'vault-locked'
  | 'vault-missing'
  | 'vault-exists'
  | 'vault-busy'
  | 'vault-header-damaged'
  | 'vault-format-unsupported'
  | 'wrong-passphrase'
  | 'passphrase-weak'
  | 'passphrase-mismatch'
  | 'session-key-invalid'
  | 'account-not-found'
  | 'account-invalid'
  | 'record-damaged'
  | 'undo-expired'
  | 'storage-failed';

/*
 * Messages are constants per code (plus an optional fixed reason) so that no caller can ever
 * interpolate a passphrase, secret or key into one.
 */
const MESSAGES: Record<VaultErrorCode, string> = {
  'vault-locked': 'The vault is locked. Unlock it with your passphrase first.',
  'vault-missing': 'There is no vault yet. Create one first.',
  'vault-exists': 'A vault already exists on this browser profile.',
  'vault-busy': 'The vault was changed by another action at the same time. Please try again.',
  'vault-header-damaged': 'The vault header is damaged and cannot be read.',
  'vault-format-unsupported': 'This vault was written by a newer version of Keyfob.',
  'wrong-passphrase': 'That passphrase does not open the vault.',
  'passphrase-weak': 'That passphrase is too weak.',
  'passphrase-mismatch': 'The passphrase and its confirmation do not match.',
  'session-key-invalid': 'The remembered session key does not belong to this vault.',
  'account-not-found': 'There is no such account in the vault.',
  'account-invalid': 'The account details are not valid.',
  'record-damaged':
    'This account record is damaged and cannot be opened. It has been kept as it is.',
  'undo-expired': 'The deleted account can no longer be restored.',
  'storage-failed': 'Keyfob could not read or write its storage.',
};

/** An expected failure of a vault operation, with a stable `code` the UI can switch on. */
export class VaultError extends KeyfobError<VaultErrorCode> {
  override name = 'VaultError';

  /**
   * @param reason a fixed sentence from Keyfob's own code (never user data) that replaces the
   *   generic message, e.g. why a passphrase is weak.
   * @param cause only errors known to be free of secrets (storage failures on sealed data).
   */
  constructor(code: VaultErrorCode, options?: { reason?: string; cause?: unknown }) {
    super(code, options?.reason ?? MESSAGES[code], { cause: options?.cause });
  }
}
