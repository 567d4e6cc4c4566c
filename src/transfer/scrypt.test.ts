import { toHex, utf8Encode } from '../shared';
import { deriveScrypt, isAcceptableScrypt, SCRYPT_LIMITS } from './scrypt';

describe('deriveScrypt', () => {
  it('is scrypt (RFC 7914 §12 third vector)', async () => {
    const key = await deriveScrypt(
      utf8Encode('pleaseletmein'),
      utf8Encode('SodiumChloride'),
      { N: 16384, r: 8, p: 1 },
      64,
    );
    expect(toHex(key)).toBe(
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
        'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    );
  });

  it('accepts what Keyfob and Aegis write', () => {
    expect(isAcceptableScrypt({ N: 2 ** 17, r: 8, p: 1 })).toBe(true);
    expect(isAcceptableScrypt({ N: 2 ** 15, r: 8, p: 1 })).toBe(true);
  });

  it('refuses at once parameters that are invalid or too costly', async () => {
    for (const params of [
      { N: 2 ** 30, r: 8, p: 1 },
      { N: SCRYPT_LIMITS.maxN * 2, r: 1, p: 1 },
      { N: 2 ** 18, r: 16, p: 1 },
      { N: 2 ** 18, r: 8, p: 4 },
      { N: 1000, r: 8, p: 1 },
      { N: 1, r: 1, p: 1 },
      { N: 16, r: 0, p: 1 },
      { N: 16, r: 1, p: 1.5 },
      { N: Number.NaN, r: 1, p: 1 },
    ]) {
      expect(isAcceptableScrypt(params)).toBe(false);
      await expect(
        deriveScrypt(utf8Encode('p'), utf8Encode('s'), params, 32),
      ).rejects.toMatchObject({ code: 'damaged-file' });
    }
  });
});
