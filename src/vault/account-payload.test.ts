import fc from 'fast-check';
import type { Origin } from '../shared';
import { OTP_ALGORITHMS } from '../otp/limits';
import type { OtpParams } from '../otp/types';
import {
  decodePayload,
  encodePayload,
  toAccountPayload,
  type AccountPayload,
} from './account-payload';

const params: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  account: 'alice@example.com',
  issuer: 'Example',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

const payloadArb: fc.Arbitrary<AccountPayload> = fc
  .record({
    type: fc.constantFrom('totp' as const, 'hotp' as const, 'steam' as const),
    secret: fc.string({ minLength: 1 }),
    account: fc.string(),
    issuer: fc.option(fc.string(), { nil: undefined }),
    algorithm: fc.constantFrom(...OTP_ALGORITHMS),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 300 }),
    counter: fc.nat(),
    state: fc.constantFrom('verified' as const, 'pending' as const, 'replaced' as const),
    origin: fc.option(
      fc.webUrl().map((u) => new URL(u).origin as Origin),
      { nil: undefined },
    ),
  })
  .map(({ state, origin, counter, issuer, ...p }) => {
    const otp: OtpParams = { ...p };
    if (issuer !== undefined) otp.issuer = issuer;
    if (p.type === 'hotp') otp.counter = counter;
    const payload: AccountPayload = { params: otp, state };
    if (origin !== undefined) payload.origin = origin;
    return payload;
  });

describe('account payload', () => {
  it('round-trips through its padded encoding', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const bytes = encodePayload(payload);
        expect(bytes.length % 64).toBe(0);
        expect(decodePayload(bytes)).toEqual(payload);
      }),
    );
  });

  it('pads so that short and slightly longer names seal to the same length', () => {
    const short = encodePayload({ params: { ...params, account: 'a@b.c' }, state: 'verified' });
    const longer = encodePayload({
      params: { ...params, account: 'al@ex.com' },
      state: 'verified',
    });
    expect(short.length).toBe(longer.length);
  });

  it('copies out only known fields', () => {
    const payload = toAccountPayload({
      params: { ...params, extra: 'x' },
      state: 'pending',
      smuggled: true,
    });
    expect(payload).toEqual({ params, state: 'pending' });
  });

  it('refuses malformed payloads', () => {
    const bad: unknown[] = [
      null,
      [],
      { params, state: 'lost' },
      { params: { ...params, type: 'motp' }, state: 'verified' },
      { params: { ...params, secret: '' }, state: 'verified' },
      { params: { ...params, digits: 6.5 }, state: 'verified' },
      { params: { ...params, algorithm: 'MD5' }, state: 'verified' },
      { params: { ...params, counter: 3 }, state: 'verified' },
      { params: { ...params, type: 'hotp' }, state: 'verified' },
      { params, state: 'verified', origin: 42 },
    ];
    for (const value of bad) expect(toAccountPayload(value)).toBeUndefined();
    expect(decodePayload(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
    expect(decodePayload(new TextEncoder().encode('{"params":'))).toBeUndefined();
  });
});
