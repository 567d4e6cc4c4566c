import { isJsonObject, readOwn } from './field-rules';

/**
 * Header collections as a page hands them over: a `Headers`-like object, a plain record (keys
 * in any case, values possibly arrays), or a list of name/value pairs.
 */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | null | undefined>>
  | ReadonlyArray<readonly [string, string]>;

/** Header values longer than this are not ones Keyfob reads (targets, types, media types). */
const MAX_HEADER_CHARS = 4096;
/** More header entries than any real request has; stops a hostile list early. */
const MAX_HEADER_ENTRIES = 256;

/**
 * The one value of header `name`, matched case-insensitively and trimmed. Undefined when the
 * header is absent, too long, or given more than once with different values: an ambiguous
 * header is treated as no header rather than guessed at.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  const wanted = name.toLowerCase();
  try {
    const values = collect(headers, wanted);
    const distinct = new Set(values.map((value) => value.trim()));
    if (distinct.size !== 1) return undefined;
    const [only] = distinct;
    return only !== undefined && only.length <= MAX_HEADER_CHARS ? only : undefined;
  } catch {
    return undefined;
  }
}

function collect(headers: unknown, wanted: string): string[] {
  if (Array.isArray(headers)) {
    const found: string[] = [];
    for (const entry of headers.slice(0, MAX_HEADER_ENTRIES)) {
      if (!Array.isArray(entry) || entry.length !== 2) continue;
      const [key, value] = entry as unknown[];
      if (typeof key === 'string' && key.toLowerCase() === wanted) found.push(...strings(value));
    }
    return found;
  }
  if (typeof headers !== 'object' || headers === null) return [];
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    // A Headers object already folds case and joins repeats with ", ".
    return strings(get.call(headers, wanted));
  }
  if (!isJsonObject(headers)) return [];
  const found: string[] = [];
  for (const key of Object.keys(headers).slice(0, MAX_HEADER_ENTRIES)) {
    if (key.toLowerCase() === wanted) found.push(...strings(readOwn(headers, key)));
  }
  return found;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return [];
}
