import { createOtpParams, validateOtpParams } from './params';
import type { OtpParams } from './types';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('createOtpParams', () => {
  it('fills the Key URI defaults: TOTP, SHA1, 6 digits, 30 s', () => {
    expect(createOtpParams({ account: 'alice@example.com', secret: SECRET })).toEqual({
      type: 'totp',
      account: 'alice@example.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('starts a new HOTP token at counter 0, and keeps the period at 30', () => {
    expect(createOtpParams({ type: 'HOTP', account: 'a', secret: SECRET, period: 60 })).toEqual({
      type: 'hotp',
      account: 'a',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('ignores a counter on a TOTP account', () => {
    expect(createOtpParams({ account: 'a', secret: SECRET, counter: 5 })).not.toHaveProperty(
      'counter',
    );
  });

  it('takes form text for numbers, and names in any case', () => {
    expect(
      createOtpParams({
        account: 'a',
        secret: SECRET.toLowerCase(),
        algorithm: 'sha-256',
        digits: ' 8 ',
        period: '60',
      }),
    ).toMatchObject({ secret: SECRET, algorithm: 'SHA256', digits: 8, period: 60 });
  });

  it('trims names, drops a blank issuer, allows colons and any script', () => {
    expect(
      createOtpParams({ account: '  bob:ops  ', issuer: '   ', secret: SECRET }),
    ).not.toHaveProperty('issuer');
    expect(
      createOtpParams({ account: ' 山田 ', issuer: ' Ünïcødé:Corp 😀 ', secret: SECRET }),
    ).toMatchObject({ account: '山田', issuer: 'Ünïcødé:Corp 😀' });
  });

  it('lets an issuer alone name an account, but not nothing', () => {
    expect(createOtpParams({ account: '', issuer: 'Acme', secret: SECRET })).toMatchObject({
      account: '',
      issuer: 'Acme',
    });
    expect(() => createOtpParams({ account: ' ', secret: SECRET })).toThrow(
      expect.objectContaining({ code: 'account-missing' }),
    );
  });

  it.each([
    [{ type: 'motp' }, 'type-invalid'],
    [{ secret: '' }, 'secret-missing'],
    [{ secret: 'JBSWY3DP' }, 'secret-too-short'],
    [{ account: 'a\u0000b' }, 'account-invalid'],
    [{ account: 'evil\u202Egro.elgoog' }, 'account-invalid'],
    [{ account: 'x'.repeat(257) }, 'account-invalid'],
    [{ account: 'é'.repeat(129) }, 'account-invalid'], // 258 UTF-8 bytes
    [{ account: '\uD800' }, 'account-invalid'],
    [{ issuer: 'line\nbreak' }, 'issuer-invalid'],
    [{ algorithm: 'MD5' }, 'algorithm-unsupported'],
    [{ algorithm: 'SHA384' }, 'algorithm-unsupported'],
    [{ digits: 6.5 }, 'digits-invalid'],
    [{ digits: '6.0' }, 'digits-invalid'],
    [{ digits: '' }, 'digits-invalid'],
    [{ digits: Number.NaN }, 'digits-invalid'],
    [{ period: 0 }, 'period-invalid'],
    [{ period: 301 }, 'period-invalid'],
    [{ period: '1e1' }, 'period-invalid'],
    [{ type: 'hotp', counter: -1 }, 'counter-invalid'],
    [{ type: 'hotp', counter: 2 ** 53 }, 'counter-invalid'],
    [{ type: 'hotp', counter: '0x10' }, 'counter-invalid'],
  ])('refuses %j with %s', (patch, code) => {
    expect(() => createOtpParams({ account: 'a', secret: SECRET, ...patch })).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('accepts names up to 256 UTF-8 bytes', () => {
    expect(createOtpParams({ account: 'é'.repeat(128), secret: SECRET }).account).toHaveLength(128);
  });
});

describe('validateOtpParams', () => {
  const totp: OtpParams = {
    type: 'totp',
    account: 'a',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  };

  it('returns a canonical copy of valid params', () => {
    const input = { ...totp, secret: SECRET.toLowerCase(), account: ' a ' };
    const out = validateOtpParams(input);
    expect(out).toEqual(totp);
    expect(out).not.toBe(input);
  });

  it('fills no defaults', () => {
    expect(() => validateOtpParams({ ...totp, type: 'hotp' })).toThrow(
      expect.objectContaining({ code: 'counter-missing' }),
    );
    expect(() => validateOtpParams({ ...totp, digits: undefined as unknown as number })).toThrow(
      expect.objectContaining({ code: 'digits-invalid' }),
    );
  });
});
