import { generateCode } from '../otp';
import type { OtpParams } from '../otp/types';
import { createClipboardJanitor } from './clipboard-janitor';

const params: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  account: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};
/** 10 s into a 30 s step. */
const START = Date.UTC(2026, 11, 4, 12, 0, 10);

function setUp() {
  let clock = START;
  const timers: { run: () => void; at: number; cancelled: boolean }[] = [];
  const cleared: string[] = [];
  const janitor = createClipboardJanitor({
    cleaner: { clearIfHolds: async (text) => void cleared.push(text) },
    now: () => clock,
    setTimer: (run, ms) => {
      const timer = { run, at: clock + ms, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cancelled: boolean }).cancelled = true),
  });
  /** Moves the clock and fires the timers that are due. */
  const advanceTo = (at: number) => {
    clock = at;
    for (const timer of timers) {
      if (!timer.cancelled && timer.at <= at) {
        timer.cancelled = true;
        timer.run();
      }
    }
  };
  return { janitor, cleared, advanceTo, setClock: (at: number) => (clock = at) };
}

describe('clipboard janitor', () => {
  it('clears a copied code at the end of its step, not before', async () => {
    const { janitor, cleared, advanceTo } = setUp();
    const code = await generateCode(params, START);
    expect(await janitor.copied(params, code)).toBe(START + 20_000);
    advanceTo(START + 19_999);
    expect(cleared).toEqual([]);
    advanceTo(START + 20_000);
    expect(cleared).toEqual([code]);
  });

  it('clears a code from the step just ended at once', async () => {
    const { janitor, cleared, advanceTo } = setUp();
    const previous = await generateCode(params, START - 30_000);
    expect(await janitor.copied(params, previous)).toBe(START - 10_000);
    advanceTo(START);
    expect(cleared).toEqual([previous]);
  });

  it('refuses text that is not one of the account’s recent codes', async () => {
    const { janitor, cleared, advanceTo } = setUp();
    expect(await janitor.copied(params, 'my bank password')).toBeNull();
    expect(await janitor.copied(params, await generateCode(params, START - 60_000))).toBeNull();
    advanceTo(START + 600_000);
    expect(cleared).toEqual([]);
  });

  it('follows only the latest copy', async () => {
    const { janitor, cleared, advanceTo } = setUp();
    const hotp: OtpParams = { ...params, type: 'hotp', counter: 4 };
    const first = await generateCode(params, START);
    await janitor.copied(params, first);
    const second = await generateCode(hotp, START);
    expect(await janitor.copied(hotp, second)).toBe(START + 30_000);
    advanceTo(START + 30_000);
    expect(cleared).toEqual([second]);
  });
});
