import { hotp } from '../../test/support/totp-oracle';
import { base32Encode, utf8Encode } from '../shared';
import { generateCode } from './generate';
import { createOtpParams } from './params';
import { RFC4226_VECTORS, RFC6238_SEEDS, RFC6238_VECTORS } from '../../test/support/rfc-vectors';
import { timeStep } from './time-step';
import { formatOtpauthUri } from './uri-format';
import { parseOtpauthUri } from './uri-parse';
import type { OtpParams } from './types';

const seedSecret = (seed: string) => base32Encode(utf8Encode(seed));

describe('generateCode', () => {
  describe('RFC 4226 Appendix D (HOTP)', () => {
    it.each(RFC4226_VECTORS.codes.map((code, counter) => [counter, code]))(
      'counter %i gives %s',
      async (counter, code) => {
        const params = createOtpParams({
          type: 'hotp',
          account: 'rfc4226',
          secret: seedSecret(RFC4226_VECTORS.seed),
          algorithm: RFC4226_VECTORS.algorithm,
          digits: RFC4226_VECTORS.digits,
          counter,
        });
        // HOTP ignores the clock.
        expect(await generateCode(params, 0)).toBe(code);
        expect(await generateCode(params, 1_700_000_000_000)).toBe(code);
      },
    );
  });

  describe('RFC 6238 Appendix B (TOTP)', () => {
    it.each(RFC6238_VECTORS.map((v) => [v.time, v.algorithm, v.code, v.stepHex] as const))(
      'at %i s with %s gives %s',
      async (time, algorithm, code, stepHex) => {
        const params = createOtpParams({
          account: 'rfc6238',
          secret: seedSecret(RFC6238_SEEDS[algorithm]),
          algorithm,
          digits: 8,
          period: 30,
        });
        expect(await generateCode(params, time * 1000)).toBe(code);
        // Anywhere within the same second gives the same code.
        expect(await generateCode(params, time * 1000 + 999)).toBe(code);
        expect(timeStep(time * 1000, 30)).toBe(parseInt(stepHex, 16));
        // And the same account survives a trip through an otpauth:// URI.
        expect(await generateCode(parseOtpauthUri(formatOtpauthUri(params)), time * 1000)).toBe(
          code,
        );
      },
    );

    it('has every vector: 6 times × 3 algorithms', () => {
      expect(RFC6238_VECTORS).toHaveLength(18);
      expect(new Set(RFC6238_VECTORS.map((v) => `${v.time}/${v.algorithm}`)).size).toBe(18);
    });
  });

  it('accepts the 80-bit secrets otplib refuses by default, with any period and length', async () => {
    const key = utf8Encode('0123456789'); // 10 bytes
    for (const [algorithm, digits, period] of [
      ['SHA1', 6, 30],
      ['SHA256', 7, 1],
      ['SHA512', 8, 300],
    ] as const) {
      const params = createOtpParams({
        account: 'a',
        secret: base32Encode(key),
        algorithm,
        digits,
        period,
      });
      const atMs = 1_700_000_123_456;
      const step = Math.floor(Math.floor(atMs / 1000) / period);
      expect(await generateCode(params, atMs)).toBe(hotp(key, step, { algorithm, digits }));
    }
  });

  it('accepts the longest secret (256 bytes)', async () => {
    const key = new Uint8Array(256).map((_, i) => i);
    const params = createOtpParams({
      account: 'a',
      secret: base32Encode(key),
      algorithm: 'SHA512',
    });
    expect(await generateCode(params, 90_000)).toBe(
      hotp(key, 3, { algorithm: 'SHA512', digits: 6 }),
    );
  });

  it('changes code exactly at the period boundary', async () => {
    const params = createOtpParams({ account: 'a', secret: seedSecret(RFC6238_SEEDS.SHA1) });
    const key = utf8Encode(RFC6238_SEEDS.SHA1);
    expect(await generateCode(params, 59_999)).toBe(hotp(key, 1, { algorithm: 'SHA1', digits: 6 }));
    expect(await generateCode(params, 60_000)).toBe(hotp(key, 2, { algorithm: 'SHA1', digits: 6 }));
  });

  it('normalises the secret of params that were not built here', async () => {
    const secret = seedSecret(RFC6238_SEEDS.SHA1);
    const messy: OtpParams = {
      type: 'totp',
      account: 'a',
      secret: secret.toLowerCase().replace(/(.{4})/g, '$1 '),
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
    };
    expect(await generateCode(messy, 59_000)).toBe('94287082');
  });

  it('validates before calling otplib', async () => {
    const base = createOtpParams({ account: 'a', secret: seedSecret(RFC6238_SEEDS.SHA1) });
    await expect(generateCode({ ...base, digits: 10 }, 0)).rejects.toMatchObject({
      code: 'digits-invalid',
    });
    await expect(generateCode({ ...base, period: 0 }, 0)).rejects.toMatchObject({
      code: 'period-invalid',
    });
    await expect(generateCode({ ...base, secret: 'JBSWY3DP' }, 0)).rejects.toMatchObject({
      code: 'secret-too-short',
    });
    // `base` is a TOTP account, so it has no counter to carry over.
    await expect(generateCode({ ...base, type: 'hotp' }, 0)).rejects.toMatchObject({
      code: 'counter-missing',
    });
    for (const atMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(generateCode(base, atMs)).rejects.toMatchObject({ code: 'time-invalid' });
    }
  });
});
