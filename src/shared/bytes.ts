/** Byte helpers shared by the pure modules. */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export const utf8Encode = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);

/** A string from UTF-8 bytes; throws on invalid UTF-8. */
export const utf8Decode = (bytes: Uint8Array): string => decoder.decode(bytes);

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Bytes from hex (even length, 0-9a-f in either case). */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new TypeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes from standard base64; throws on malformed input. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Overwrites a buffer with zeros, to shorten the life of secret bytes in memory. */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** Whether `a` is a Uint8Array holding exactly the bytes of `b` (a stored value may be anything). */
export const sameBytes = (a: unknown, b: Uint8Array): boolean =>
  a instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
