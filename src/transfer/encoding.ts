import { fromBase64, fromHex, toBase64 } from '../shared';

/**
 * Bytes from standard, padded base64, or `undefined` when the text is anything else (atob
 * alone also accepts spaces and missing padding, which no writer we read produces).
 */
export function decodeBase64Strict(text: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(text)) {
    return undefined;
  }
  try {
    const bytes = fromBase64(text);
    return toBase64(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bytes from hex (of exactly `length` bytes, when given), or `undefined` when the text is
 * anything else.
 */
export function decodeHexStrict(
  text: unknown,
  length?: number,
): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 2 !== 0 || /[^0-9a-f]/i.test(text)) {
    return undefined;
  }
  if (length !== undefined && text.length !== length * 2) return undefined;
  return fromHex(text);
}
