/** A value or an error, for operations whose failure is an ordinary outcome. */
export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

/** A successful Result. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** A failed Result. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
