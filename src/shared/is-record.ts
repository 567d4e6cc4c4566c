/** A plain object whose fields can be read: parsed JSON or a record read from disk (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
