/** Nominal typing for strings and numbers that must not be mixed up. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };

/** Id of one account in the vault (random, not secret). */
export type AccountId = Brand<string, 'AccountId'>;

/** An exact web origin, `scheme://host[:port]`, as the browser reports it. */
export type Origin = Brand<string, 'Origin'>;
