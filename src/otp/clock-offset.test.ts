import {
  CLOCK_JITTER_MS,
  MAX_CLOCK_OFFSET_MS,
  adoptOffset,
  estimateOffset,
  isClockOffset,
  parseHttpDate,
  type ClockOffset,
} from './clock-offset';

/** 2026-12-04 12:00:00.000 UTC on this computer's clock. */
const ARRIVED = Date.UTC(2026, 11, 4, 12, 0, 0);
const HOST = 'cognito-idp.eu-west-1.amazonaws.com';

/** The `Date` header a server whose clock is `offsetMs` ahead sends at `ARRIVED + sentAfterMs`. */
function dateHeader(offsetMs: number, sentAfterMs = 0): string {
  return new Date(ARRIVED + sentAfterMs + offsetMs).toUTCString();
}

const reading = (date: string, arrivedAtMs = ARRIVED) => ({ date, arrivedAtMs, host: HOST });

describe('parseHttpDate', () => {
  it('reads an IMF-fixdate to the second', () => {
    expect(parseHttpDate('Fri, 04 Dec 2026 12:01:30 GMT')).toBe(Date.UTC(2026, 11, 4, 12, 1, 30));
    expect(parseHttpDate(' Fri, 04 Dec 2026 12:01:30 GMT ')).toBe(Date.UTC(2026, 11, 4, 12, 1, 30));
  });

  it('refuses anything else, rather than guessing', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-12-04T12:01:30Z',
      'Friday, 04-Dec-26 12:01:30 GMT',
      'Fri, 04 Dec 2026 12:01:30 +0100',
      'Fri, 04 Dec 2026 25:61:30 GMT',
    ]) {
      expect(parseHttpDate(bad), bad).toBeNull();
    }
  });
});

describe('estimateOffset', () => {
  it('measures the server clock against the arrival time, from the middle of its second', () => {
    // The server's clock read 12:01:30.000–.999 when it sent; the answer arrived at 12:00:00.
    expect(estimateOffset(reading(dateHeader(90_000)))).toBe(90_500);
    expect(estimateOffset(reading(dateHeader(-42_000)))).toBe(-41_500);
    // A server in step with this computer reads as within a second of zero.
    expect(Math.abs(estimateOffset(reading(dateHeader(0, -300)))!)).toBeLessThanOrEqual(1000);
  });

  it('ignores a reading beyond the bound either way', () => {
    expect(estimateOffset(reading(dateHeader(MAX_CLOCK_OFFSET_MS - 1000)))).toBe(
      MAX_CLOCK_OFFSET_MS - 500,
    );
    expect(estimateOffset(reading(dateHeader(MAX_CLOCK_OFFSET_MS + 1000)))).toBeNull();
    expect(estimateOffset(reading(dateHeader(-MAX_CLOCK_OFFSET_MS - 1000)))).toBeNull();
    expect(estimateOffset(reading(dateHeader(24 * 3600 * 1000)))).toBeNull();
  });

  it('ignores an unreadable header or arrival time', () => {
    expect(estimateOffset(reading('soon'))).toBeNull();
    expect(estimateOffset(reading(dateHeader(0), Number.NaN))).toBeNull();
  });
});

describe('adoptOffset', () => {
  const learned: ClockOffset = { offsetMs: 90_500, host: HOST, learnedAtMs: ARRIVED };

  it('learns an offset larger than the jitter of a one-second header', () => {
    expect(adoptOffset(null, reading(dateHeader(90_000)))).toEqual(learned);
  });

  it('keeps the current offset when a reading differs by the jitter or less', () => {
    expect(adoptOffset(null, reading(dateHeader(1000)))).toBeNull();
    expect(adoptOffset(null, reading(dateHeader(-2000)))).toBeNull();
    const later = ARRIVED + 60_000;
    const close = { date: new Date(later + 92_000).toUTCString(), arrivedAtMs: later, host: 'x' };
    expect(adoptOffset(learned, close)).toBe(learned);
  });

  it('moves to a reading that differs by more than the jitter, back to zero too', () => {
    const later = ARRIVED + 60_000;
    const moved = adoptOffset(learned, {
      date: new Date(later + 90_000 + CLOCK_JITTER_MS + 1000).toUTCString(),
      arrivedAtMs: later,
      host: 'other.example',
    });
    expect(moved).toEqual({ offsetMs: 93_500, host: 'other.example', learnedAtMs: later });
    // The computer's clock was set right: the server now agrees with it.
    expect(adoptOffset(learned, reading(dateHeader(0)))?.offsetMs).toBe(500);
  });

  it('keeps the current offset for a reading beyond the bound or unreadable', () => {
    expect(adoptOffset(learned, reading(dateHeader(MAX_CLOCK_OFFSET_MS + 60_000)))).toBe(learned);
    expect(adoptOffset(learned, reading('not a date'))).toBe(learned);
  });
});

describe('isClockOffset', () => {
  it('accepts a stored offset within the bound and nothing else', () => {
    expect(isClockOffset({ offsetMs: 90_500, host: HOST, learnedAtMs: ARRIVED })).toBe(true);
    expect(isClockOffset({ offsetMs: MAX_CLOCK_OFFSET_MS + 1, host: HOST, learnedAtMs: 1 })).toBe(
      false,
    );
    expect(isClockOffset({ offsetMs: '90', host: HOST, learnedAtMs: 1 })).toBe(false);
    expect(isClockOffset({ offsetMs: 1, host: '', learnedAtMs: 1 })).toBe(false);
    expect(isClockOffset(null)).toBe(false);
  });
});
