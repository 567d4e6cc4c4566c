import fc from 'fast-check';
import { getRemainingTime, getTimeStepUsed } from '@otplib/totp';
import { otpPlugins } from './plugins';
import { timeStep, validUntilMs } from './time-step';

describe('time-step maths', () => {
  it('follows RFC 6238 §4.2 at the edges of a step', () => {
    expect(timeStep(0, 30)).toBe(0);
    expect(timeStep(29_999, 30)).toBe(0);
    expect(timeStep(30_000, 30)).toBe(1);
    expect(validUntilMs(0, 30)).toBe(30_000);
    expect(validUntilMs(29_999, 30)).toBe(30_000);
    expect(validUntilMs(30_000, 30)).toBe(60_000);
  });

  it('works with 1-second and 300-second periods', () => {
    expect(timeStep(1_500, 1)).toBe(1);
    expect(validUntilMs(1_500, 1)).toBe(2_000);
    expect(timeStep(299_999, 300)).toBe(0);
  });

  it('agrees with otplib for any time and period', () => {
    const atMs = fc.integer({ min: 0, max: 2 ** 43 });
    const period = fc.integer({ min: 1, max: 300 });
    fc.assert(
      fc.property(atMs, period, (ms, p) => {
        const epoch = Math.floor(ms / 1000);
        expect(timeStep(ms, p)).toBe(getTimeStepUsed(epoch, p, 0, otpPlugins.guardrails));
        expect(validUntilMs(ms, p) - epoch * 1000).toBe(
          getRemainingTime(epoch, p, 0, otpPlugins.guardrails) * 1000,
        );
        expect(validUntilMs(ms, p)).toBeGreaterThan(ms);
      }),
    );
  });

  it('refuses impossible clocks and periods', () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => timeStep(ms, 30)).toThrow(expect.objectContaining({ code: 'time-invalid' }));
    }
    for (const p of [0, 301, 1.5, Number.NaN]) {
      expect(() => validUntilMs(0, p)).toThrow(expect.objectContaining({ code: 'period-invalid' }));
    }
  });
});
