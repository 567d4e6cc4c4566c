import { accountView as view } from '../../../test/support/account-view';
import type { AccountView, CodeListing } from '../../messaging';
import {
  MIN_REFRESH_DELAY_MS,
  REFRESH_SLACK_MS,
  atTime,
  clockOffset,
  delayToNextSecond,
  earliestExpiry,
  nextRefreshDelay,
  nextSwitchDelay,
  secondsLeft,
} from './refresh-timing';

const listing = (accounts: AccountView[], nowMs: number): CodeListing => ({
  accounts,
  damaged: [],
  nowMs,
  clockOffsetMs: 0,
  sort: 'manual',
  notices: [],
});

describe('earliestExpiry', () => {
  it('picks the soonest TOTP expiry and ignores HOTP accounts', () => {
    const l = listing(
      [
        view({ validUntilMs: 60_000 }),
        view({ validUntilMs: 45_000, period: 15 }),
        view({ type: 'hotp' }),
      ],
      40_000,
    );
    expect(earliestExpiry(l)).toBe(45_000);
  });

  it('is undefined when nothing expires', () => {
    expect(earliestExpiry(listing([view({ type: 'hotp' })], 0))).toBeUndefined();
    expect(earliestExpiry(listing([], 0))).toBeUndefined();
  });
});

describe('clockOffset', () => {
  it('takes the learned offset when it fits the time the listing took to come', () => {
    // Made at background time 10_300, asked for at popup time 10_000, received at 10_400.
    const l = { ...listing([], 10_300), clockOffsetMs: 0 };
    expect(clockOffset(l, 10_400, 10_000)).toBe(0);
    // A background clock 3 s ahead of the popup's (not what the learned offset says).
    expect(clockOffset({ ...l, nowMs: 13_300 }, 10_400, 10_000)).toBe(2_900);
  });
});

describe('nextRefreshDelay', () => {
  it('waits until the earliest code expires, plus slack, measured on the background clock', () => {
    const l = listing([view({ validUntilMs: 60_000 })], 48_000);
    // Received at popup time 1_000: whatever the popup clock says, 12 s of validity are left.
    expect(nextRefreshDelay(l, 1_000)).toBe(12_000 + REFRESH_SLACK_MS);
  });

  it('corrects for a popup clock that is behind or ahead of the background', () => {
    const l = listing([view({ validUntilMs: 60_000 })], 48_000);
    const behind = clockOffset(l, 45_000); // popup 3 s behind
    const ahead = clockOffset(l, 50_000); // popup 2 s ahead
    // Two seconds after receipt, 10 s are left either way.
    expect(nextRefreshDelay(l, 47_000, behind)).toBe(10_000 + REFRESH_SLACK_MS);
    expect(nextRefreshDelay(l, 52_000, ahead)).toBe(10_000 + REFRESH_SLACK_MS);
  });

  it('never schedules a tight loop when the background hands back an expired code', () => {
    const l = listing([view({ validUntilMs: 30_000 })], 30_500);
    expect(nextRefreshDelay(l, 30_500)).toBe(MIN_REFRESH_DELAY_MS);
  });

  it('returns undefined when there is nothing to refresh (HOTP only)', () => {
    expect(nextRefreshDelay(listing([view({ type: 'hotp' })], 0), 0)).toBeUndefined();
  });
});

describe('with the next code sent along', () => {
  const sent = view({ code: '111111', nextCode: '222222', validUntilMs: 60_000 });

  it('asks again in the middle of the step after, not at the boundary', () => {
    const l = listing([sent], 48_000);
    expect(nextRefreshDelay(l, 48_000)).toBe(12_000 + 15_000);
  });

  it('switches to the next code at the boundary, and not a millisecond before', () => {
    expect(atTime(sent, 59_999)).toBe(sent);
    expect(atTime(sent, 60_000)).toEqual(view({ code: '222222', validUntilMs: 90_000 }));
    expect(nextSwitchDelay(listing([sent], 0), 50_000, 1_000)).toBe(9_000);
    expect(nextSwitchDelay(listing([view({ validUntilMs: 60_000 })], 0), 0, 0)).toBeUndefined();
  });

  it('after a switch, waits for the codes that have not switched yet, and only for them', () => {
    const minute = view({ code: '333333', nextCode: '444444', period: 60, validUntilMs: 120_000 });
    const l = listing([sent, minute, view({ type: 'hotp' })], 0);
    expect(nextSwitchDelay(l, 50_000, 0)).toBe(10_000);
    // Switched at 60 s: the 30 s account has no next code left to switch to; the minute's is due.
    expect(nextSwitchDelay(l, 60_000, 0, 60_000)).toBe(60_000);
    expect(nextSwitchDelay(l, 120_000, 0, 120_000)).toBeUndefined();
  });
});

describe('secondsLeft', () => {
  it('rounds up to whole seconds in background time and stays within 0..period', () => {
    const account = view({ validUntilMs: 60_000 });
    expect(secondsLeft(account, 48_000, 0)).toBe(12);
    expect(secondsLeft(account, 48_001, 0)).toBe(12);
    expect(secondsLeft(account, 48_999, 0)).toBe(12);
    expect(secondsLeft(account, 49_000, 0)).toBe(11);
    expect(secondsLeft(account, 45_000, 3_000)).toBe(12);
    expect(secondsLeft(account, 61_000, 0)).toBe(0);
    expect(secondsLeft(account, 0, 0)).toBe(30);
  });

  it('is undefined for HOTP', () => {
    expect(secondsLeft(view({ type: 'hotp' }), 0, 0)).toBeUndefined();
  });

  it('counts the sent next code once the received one has expired', () => {
    const sent = view({ nextCode: '222222', validUntilMs: 60_000 });
    expect(secondsLeft(sent, 59_001, 0)).toBe(1);
    expect(secondsLeft(sent, 60_000, 0)).toBe(30);
    expect(secondsLeft(sent, 61_000, 0)).toBe(29);
    expect(secondsLeft(sent, 90_000, 0)).toBe(0);
  });
});

describe('delayToNextSecond', () => {
  it('lands just after the next whole second of the background clock', () => {
    expect(delayToNextSecond(10_250, 0)).toBe(755);
    expect(delayToNextSecond(10_250, 500)).toBe(255);
    expect(delayToNextSecond(10_000, 0)).toBe(1_005);
    expect(delayToNextSecond(10_250, -300)).toBe(55);
  });
});
