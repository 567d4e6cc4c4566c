import { KeyfobError } from '../shared';

/** Stable codes of {@link CryptoError}. */
export type CryptoErrorCode = 'decrypt-failed' | 'invalid-key' | 'invalid-parameters';

const MESSAGES: Record<CryptoErrorCode, string> = {
  'decrypt-failed': 'The data could not be decrypted: the key is wrong or the data is damaged.',
  'invalid-key': 'The key does not have the expected form.',
  'invalid-parameters': 'The cryptographic parameters are not valid.',
};

/**
 * Failure of a cryptographic operation. Messages are fixed per code and never carry a
 * cause: WebCrypto's own errors say nothing useful, and keys or plaintexts must not leak.
 */
export class CryptoError extends KeyfobError<CryptoErrorCode> {
  override name = 'CryptoError';

  constructor(code: CryptoErrorCode) {
    super(code, MESSAGES[code]);
  }
}
