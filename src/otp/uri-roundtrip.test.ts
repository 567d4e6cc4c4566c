import fc from 'fast-check';
import { base32Encode } from '../shared';
import { MAX_NAME_BYTES, MAX_SECRET_BYTES, MAX_URI_LENGTH, OTP_ALGORITHMS } from './limits';
import { createOtpParams, type OtpParamsInput } from './params';
import { formatOtpauthUri } from './uri-format';
import { parseOtpauthUri } from './uri-parse';
import type { OtpParams } from './types';

/** Pieces that have a meaning somewhere in a URI or a label, plus arbitrary text. */
const namePiece = fc.oneof(
  fc.constantFrom(':', '%', '%3A', '%20', ' ', '+', '&', '=', '?', '#', '/', '@', '\\'),
  fc.constantFrom('é', '山田', '😀', '\u200d', '：', 'ﬀ', 'issuer=', 'secret='),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const name = fc.array(namePiece, { maxLength: 8 }).map((parts) => parts.join(''));

function tryCreate(input: OtpParamsInput): OtpParams | undefined {
  try {
    return createOtpParams(input);
  } catch {
    return undefined;
  }
}

const validParams = fc
  .record({
    type: fc.constantFrom('totp', 'hotp'),
    key: fc.uint8Array({ minLength: 10, maxLength: 64 }),
    account: name,
    issuer: fc.option(name, { nil: undefined }),
    algorithm: fc.constantFrom(...OTP_ALGORITHMS),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 300 }),
    counter: fc.maxSafeNat(),
  })
  .map(({ key, ...rest }) => tryCreate({ ...rest, secret: base32Encode(key) }))
  .filter((p): p is OtpParams => p !== undefined);

describe('formatOtpauthUri', () => {
  it('writes every parameter, with the issuer in the label and as a parameter', () => {
    const p = createOtpParams({
      account: 'alice@example.com',
      issuer: 'Big Corp',
      secret: 'jbsw y3dp ehpk 3pxp',
    });
    expect(formatOtpauthUri(p)).toBe(
      'otpauth://totp/Big%20Corp:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Big%20Corp&algorithm=SHA1&digits=6&period=30',
    );
    expect(formatOtpauthUri({ ...p, type: 'hotp', counter: 3 })).toBe(
      'otpauth://hotp/Big%20Corp:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Big%20Corp&algorithm=SHA1&digits=6&counter=3',
    );
  });

  it('keeps colons in names from being read as the separator', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    expect(formatOtpauthUri(createOtpParams({ account: 'a:b', secret }))).toMatch(
      /^otpauth:\/\/totp\/:a%3Ab\?/,
    );
    expect(formatOtpauthUri(createOtpParams({ account: 'a', issuer: 'X:Y', secret }))).toMatch(
      /^otpauth:\/\/totp\/a\?.*&issuer=X%3AY&/,
    );
  });

  it('refuses invalid params rather than writing them', () => {
    const p = createOtpParams({ account: 'a', secret: 'JBSWY3DPEHPK3PXP' });
    expect(() => formatOtpauthUri({ ...p, digits: 4 })).toThrow(
      expect.objectContaining({ code: 'digits-invalid' }),
    );
  });

  it('round-trips any valid params through parseOtpauthUri', () => {
    fc.assert(
      fc.property(validParams, (p) => {
        const uri = formatOtpauthUri(p);
        expect(parseOtpauthUri(uri)).toEqual(p);
        expect(formatOtpauthUri(parseOtpauthUri(uri))).toBe(uri);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays under the URI length limit for the longest valid params', () => {
    const worstName = '\u0800'.repeat(MAX_NAME_BYTES / 4) + '%'.repeat(MAX_NAME_BYTES / 4); // 3+1 bytes, 9+3 chars
    const p = createOtpParams({
      type: 'hotp',
      account: worstName,
      issuer: worstName,
      secret: base32Encode(new Uint8Array(MAX_SECRET_BYTES).fill(255)),
      algorithm: 'SHA512',
      digits: 8,
      counter: Number.MAX_SAFE_INTEGER,
    });
    const uri = formatOtpauthUri(p);
    expect(uri.length).toBeGreaterThan(2500);
    expect(uri.length).toBeLessThanOrEqual(MAX_URI_LENGTH);
    expect(parseOtpauthUri(uri)).toEqual(p);
  });
});
