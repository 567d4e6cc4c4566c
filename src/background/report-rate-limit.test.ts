import { createRateLimiter } from './report-rate-limit';

describe('rate limiter', () => {
  it('allows a burst per key, refuses beyond it, and earns requests back over time', () => {
    let now = 1_000;
    const limiter = createRateLimiter({ burst: 3, refillMs: 1000, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.allow('tab 1'))).toEqual([true, true, true, false]);
    // Another tab has its own bucket.
    expect(limiter.allow('tab 2')).toBe(true);
    now += 999;
    expect(limiter.allow('tab 1')).toBe(false);
    now += 1;
    expect(limiter.allow('tab 1')).toBe(true);
    expect(limiter.allow('tab 1')).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.allow('tab 1'))).toEqual([true, true, true, false]);
  });

  it('remembers a bounded number of keys', () => {
    const limiter = createRateLimiter({ burst: 1, refillMs: 1000, now: () => 0, maxKeys: 2 });
    expect(limiter.allow('a')).toBe(true);
    expect(limiter.allow('a')).toBe(false);
    limiter.allow('b');
    limiter.allow('c');
    // 'a' was forgotten, so it starts with a full bucket again.
    expect(limiter.allow('a')).toBe(true);
  });
});
