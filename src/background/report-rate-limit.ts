/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Requests a key may make at once (the bucket's size). */
  burst: number;
  /** One more request is allowed per this many milliseconds. */
  refillMs: number;
  now: () => number;
  /** Keys remembered at most; the least recently seen goes first. */
  maxKeys?: number;
}

/**
 * A token bucket per key (a tab): a page may report in bursts, as setup screens do, but not
 * flood the background, where every report opens the vault.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const { burst, refillMs, now } = options;
  const maxKeys = options.maxKeys ?? 256;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    /** Takes one request's token for `key`; false when the key has none left. */
    allow(key: string): boolean {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at };
      buckets.delete(key);
      const earned = Math.floor(Math.max(0, at - bucket.at) / refillMs);
      if (earned > 0) {
        bucket.tokens = Math.min(burst, bucket.tokens + earned);
        bucket.at += earned * refillMs;
      }
      if (bucket.tokens >= burst) bucket.at = at;
      const allowed = bucket.tokens > 0;
      if (allowed) bucket.tokens--;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return allowed;
    },
  };
}

/** A per-key rate limiter. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
