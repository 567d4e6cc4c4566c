import fc from 'fast-check';
import { generateCode } from './generate';
import { createOtpParams, validateOtpParams } from './params';
import { STEAM_ALPHABET, encodeSteamCode } from './steam';
import { formatOtpauthUri } from './uri-format';
import { parseOtpauthUri } from './uri-parse';

/**
 * KeePassXC's Steam test (tests/TestTotp.cpp, `testSteamTotp`): a throw-away Steam account's
 * shared secret and two codes taken from Steam's mobile app. Authenticator Pro and Stratum
 * reuse the same vector in their `SteamOtpTest`.
 * @see https://github.com/keepassxreboot/keepassxc/blob/develop/tests/TestTotp.cpp
 */
const KEEPASSXC_URI =
  'otpauth://totp/test:test@example.com?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Valve&algorithm=SHA1&digits=5&period=30&encoder=steam';
const KEEPASSXC_CODES = [
  [1511200518, 'FR8RV'],
  [1511200714, '9P3VP'],
] as const;
const SECRET = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';

describe('Steam Guard', () => {
  it.each(KEEPASSXC_CODES)('at %i s shows %s, as Steam itself does', async (time, code) => {
    const params = parseOtpauthUri(KEEPASSXC_URI);
    expect(params).toEqual({
      type: 'steam',
      secret: SECRET,
      account: 'test@example.com',
      issuer: 'Valve',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
    });
    expect(await generateCode(params, time * 1000)).toBe(code);
    // Aegis's spelling of the same account gives the same codes.
    const aegis = parseOtpauthUri(`otpauth://steam/Valve:test@example.com?secret=${SECRET}`);
    expect(await generateCode(aegis, time * 1000)).toBe(code);
  });

  it('never shows digits only for a whole day of codes, and keeps to the alphabet', async () => {
    const params = createOtpParams({ type: 'steam', account: 'gaben', secret: SECRET });
    const codes = await Promise.all(
      Array.from({ length: 2880 }, (_, step) => generateCode(params, step * 30_000)),
    );
    for (const code of codes) expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(codes.some((code) => /[A-Z]/.test(code))).toBe(true);
  });

  it('encodes least significant base-26 digit first', () => {
    expect(encodeSteamCode(0, 5)).toBe('22222');
    expect(encodeSteamCode(1, 5)).toBe('32222');
    expect(encodeSteamCode(26, 5)).toBe('23222');
    expect(encodeSteamCode(0x7fffffff, 5)).toHaveLength(5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (value) => {
        const code = encodeSteamCode(value, 5);
        const back = [...code].reduceRight((n, c) => n * 26 + STEAM_ALPHABET.indexOf(c), 0);
        expect(back).toBe(value % 26 ** 5);
      }),
    );
  });

  it('takes otpauth://steam and encoder=steam, in any case, and ignores what Steam fixes', () => {
    for (const uri of [
      `otpauth://steam/Steam:gaben?secret=${SECRET}&digits=6&algorithm=SHA256&period=60`,
      `OTPAUTH://STEAM/Steam:gaben?secret=${SECRET}`,
      `otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=STEAM`,
      `otpauth://totp/Steam:gaben?secret=${SECRET}&digits=6&encoder=steam`,
    ]) {
      expect(parseOtpauthUri(uri)).toMatchObject({
        type: 'steam',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
      });
    }
    // Another encoder is no Steam account; hotp with encoder=steam stays hotp.
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}&encoder=x`).type).toBe('totp');
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=${SECRET}&counter=1&encoder=steam`).type).toBe(
      'hotp',
    );
  });

  it('writes otpauth://steam with digits=5, as Aegis reads it, and reads it back', () => {
    const params = createOtpParams({
      type: 'steam',
      issuer: 'Steam',
      account: 'gaben',
      secret: SECRET,
    });
    const uri = formatOtpauthUri(params);
    expect(uri).toBe(
      `otpauth://steam/Steam:gaben?secret=${SECRET}&issuer=Steam&algorithm=SHA1&digits=5&period=30`,
    );
    expect(parseOtpauthUri(uri)).toEqual(params);
  });

  it('creates Steam accounts with Steam parameters whatever the form says', () => {
    expect(
      createOtpParams({ type: 'Steam', account: 'a', secret: SECRET, digits: 8, period: 60 }),
    ).toEqual({
      type: 'steam',
      account: 'a',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
    });
  });

  it.each([
    [{ algorithm: 'SHA256' }, 'algorithm-unsupported'],
    [{ digits: 6 }, 'digits-invalid'],
    [{ period: 60 }, 'period-invalid'],
  ] as const)('refuses stored Steam parameters other than Steam’s: %o', (change, code) => {
    const stored = createOtpParams({ type: 'steam', account: 'a', secret: SECRET });
    expect(validateOtpParams(stored)).toEqual(stored);
    expect(() => validateOtpParams({ ...stored, ...change })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
