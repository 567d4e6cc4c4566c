import { isKeyfobError } from '../shared';
import { VaultError } from './errors';

/** Runs a {@link VaultStore} call; failures other than our own become `storage-failed`. */
export async function callStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isKeyfobError(error)) throw error;
    // IndexedDB errors describe sealed data at most, so they are safe to keep as cause.
    throw new VaultError('storage-failed', { cause: error });
  }
}
