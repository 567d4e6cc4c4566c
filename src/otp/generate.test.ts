import { hotp, steamCode } from '../../test/support/totp-oracle';
import { base32Encode, utf8Encode } from '../shared';
import fc from 'fast-check';
import { generate as otplibHotp } from '@otplib/hotp';
import { generate as otplibTotp } from '@otplib/totp';
import { codeMaker, generateCode } from './generate';
import { otpPlugins } from './plugins';
import { encodeSteamCode } from './steam';
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

describe('codeMaker', () => {
  const OTPLIB = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
  const paramsArb = fc.record({
    type: fc.constantFrom('totp' as const, 'hotp' as const, 'steam' as const),
    key: fc.uint8Array({ minLength: 10, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 300 }),
    counter: fc.maxSafeNat(),
  });

  it("gives the codes of otplib's own generate, for any account and moment", async () => {
    await fc.assert(
      fc.asyncProperty(
        paramsArb,
        fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 4 }),
        async (input, times) => {
          const params = createOtpParams({
            type: input.type,
            account: 'a',
            secret: base32Encode(input.key),
            ...(input.type === 'steam'
              ? {}
              : { algorithm: input.algorithm, digits: input.digits, period: input.period }),
            ...(input.type === 'hotp' ? { counter: input.counter } : {}),
          });
          const make = codeMaker(params);
          for (const atMs of times) {
            const common = {
              ...otpPlugins,
              secret: params.secret,
              algorithm: OTPLIB[params.algorithm],
              digits: params.digits,
            };
            const expected =
              params.type === 'hotp'
                ? await otplibHotp({ ...common, counter: params.counter ?? 0 })
                : await otplibTotp({
                    ...common,
                    period: params.period,
                    epoch: Math.floor(atMs / 1000),
                    ...(params.type === 'steam' ? { hooks: { encodeToken: encodeSteamCode } } : {}),
                  });
            // Twice: a code must not disturb the keyed state the next one starts from.
            expect(make(atMs)).toBe(expected);
            expect(make(atMs)).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  // The property above shares otplib's hashes and random counters seldom sit on a boundary:
  // here the independent oracle (node:crypto) at the edges of the counter's two 32-bit words
  // and of a safe integer, and keys of a hash block and longer (which HMAC hashes first).
  describe('agrees with the independent RFC 4226/6238 oracle at the edges', () => {
    const COUNTERS = [0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 52 + 3];
    const LONGEST_COUNTER = Number.MAX_SAFE_INTEGER;
    // 64 is SHA-1's and SHA-256's block, 128 SHA-512's; 256 bytes is the longest secret.
    const KEY_BYTES = [10, 64, 65, 128, 129, 256];
    const keyOf = (length: number) =>
      new Uint8Array(length).map((_, i) => (i * 151 + length) % 256);
    const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

    it.each(ALGORITHMS)('HOTP with %s, every key length, 6 and 8 digits', (algorithm) => {
      for (const length of KEY_BYTES) {
        const key = keyOf(length);
        for (const digits of [6, 8]) {
          for (const counter of [...COUNTERS, LONGEST_COUNTER - 1, LONGEST_COUNTER]) {
            const make = codeMaker(
              createOtpParams({
                type: 'hotp',
                account: 'a',
                secret: base32Encode(key),
                algorithm,
                digits,
                counter,
              }),
            );
            expect(make(0), `${length} bytes, counter ${counter}`).toBe(
              hotp(key, counter, { algorithm, digits }),
            );
          }
        }
      }
    });

    it.each(ALGORITHMS)(
      'TOTP with %s at periods 1, 30 and 300, on and beside each step',
      (algorithm) => {
        for (const length of [20, 65, 129]) {
          const key = keyOf(length);
          for (const period of [1, 30, 300]) {
            const make = codeMaker(
              createOtpParams({
                account: 'a',
                secret: base32Encode(key),
                algorithm,
                digits: 8,
                period,
              }),
            );
            // Steps on both sides of the word boundary, up to the last moment a safe integer of
            // milliseconds reaches.
            const last = Math.floor(Math.floor(Number.MAX_SAFE_INTEGER / 1000) / period);
            for (const step of [...COUNTERS, last]) {
              const startMs = step * period * 1000;
              for (const atMs of [startMs, startMs + period * 1000 - 1]) {
                if (atMs > Number.MAX_SAFE_INTEGER) continue;
                expect(make(atMs), `period ${period}, step ${step}`).toBe(
                  hotp(key, step, { algorithm, digits: 8 }),
                );
              }
            }
          }
        }
      },
    );

    it('Steam Guard, on and beside each step', () => {
      for (const length of [10, 20, 65]) {
        const key = keyOf(length);
        const make = codeMaker(
          createOtpParams({ type: 'steam', account: 'a', secret: base32Encode(key) }),
        );
        for (const step of COUNTERS) {
          for (const atMs of [step * 30_000, step * 30_000 + 29_999]) {
            if (atMs > Number.MAX_SAFE_INTEGER) continue;
            expect(make(atMs), `step ${step}`).toBe(steamCode(key, step));
          }
        }
      }
    });
  });

  it('computes each code from the same keyed start, in any order of moments', () => {
    const params = createOtpParams({ account: 'a', secret: seedSecret(RFC6238_SEEDS.SHA1) });
    const key = utf8Encode(RFC6238_SEEDS.SHA1);
    const make = codeMaker(params);
    for (const step of [5, 1, 5, 0, 2 ** 40]) {
      expect(make(step * 30_000)).toBe(hotp(key, step, { algorithm: 'SHA1', digits: 6 }));
    }
  });

  it('checks the account once, when it is made, and the moment on each code', () => {
    const base = createOtpParams({ account: 'a', secret: seedSecret(RFC6238_SEEDS.SHA1) });
    expect(() => codeMaker({ ...base, digits: 10 })).toThrow(
      expect.objectContaining({ code: 'digits-invalid' }),
    );
    const make = codeMaker(base);
    expect(() => make(-1)).toThrow(expect.objectContaining({ code: 'time-invalid' }));
    expect(() => make(Number.NaN)).toThrow(expect.objectContaining({ code: 'time-invalid' }));
  });
});
