/**
 * TypeScript 5.9's WebCrypto signatures accept only views over a plain ArrayBuffer, while
 * `Uint8Array` defaults to `ArrayBufferLike`. Views that already sit on an ArrayBuffer pass
 * through untouched (no extra copy of secret bytes); anything else is copied.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}
