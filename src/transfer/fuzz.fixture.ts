import { TransferError } from './errors';

/**
 * Runs a parser on hostile input and fails the test on anything but a TransferError, or on an
 * error message that repeats a secret it was given (the password, or a secret in the file).
 */
export async function expectOnlyTransferErrors(
  run: () => Promise<unknown>,
  secrets: readonly string[],
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    for (const secret of secrets) {
      if (secret.length >= 4 && error.message.includes(secret)) {
        throw new Error(`a TransferError message repeats a secret (code ${error.code})`);
      }
    }
    if (error.cause !== undefined) throw new Error('a TransferError carries a cause');
  }
}

/** Generous per-test timeout for a 100,000-case fuzz run on a busy two-core machine. */
export const FUZZ_TIMEOUT_MS = 600_000;
