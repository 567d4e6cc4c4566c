import { toHex } from '../shared';

/** Fresh bytes from the platform's cryptographically secure generator. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A random 128-bit identifier as 32 lower-case hex characters (not secret, only unique). */
export function randomId(): string {
  return toHex(randomBytes(16));
}
