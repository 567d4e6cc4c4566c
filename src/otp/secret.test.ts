import fc from 'fast-check';
import { base32 as scure } from '@otplib/plugin-base32-scure';
import { BASE32_ALPHABET, base32Decode, base32Encode } from '../shared';
import { isWeakSecret, normaliseSecret, secretStrength } from './secret';

const KEY = 'JBSWY3DPEHPK3PXP'; // 10 bytes

describe('normaliseSecret', () => {
  it.each([
    ['lower case', 'jbswy3dpehpk3pxp'],
    ['mixed case', 'JbSwY3dPeHpK3pXp'],
    ['spaces in groups', 'JBSW Y3DP EHPK 3PXP'],
    ['hyphens', 'JBSW-Y3DP-EHPK-3PXP'],
    ['tabs, newlines, no-break spaces', '\tJBSW\u00a0Y3DP\nEHPK 3PXP \r\n'],
    ['RFC 4648 padding', 'JBSWY3DPEHPK3PXP======'],
  ])('ignores %s', (_, input) => {
    expect(normaliseSecret(input)).toBe(KEY);
  });

  it('accepts missing or present padding', () => {
    const canonical = base32Encode(new Uint8Array(16).fill(7)); // 26 characters
    expect(canonical).toHaveLength(26);
    expect(normaliseSecret(canonical)).toBe(canonical);
    expect(normaliseSecret(`${canonical}======`)).toBe(canonical);
  });

  it('canonicalises leftover bits instead of refusing them, as authenticator apps do', () => {
    const canonical = base32Encode(new Uint8Array(16).fill(7));
    const sloppy = `${canonical.slice(0, -1)}7`; // same 16 bytes, non-zero unused bits
    expect(normaliseSecret(sloppy)).toBe(canonical);
    expect(normaliseSecret(`${canonical}A`)).toBe(canonical); // a character that fills no byte
  });

  it('draws the line at 80 bits and 256 bytes', () => {
    expect(() => normaliseSecret(KEY.slice(0, 15))).toThrow(
      expect.objectContaining({ code: 'secret-too-short' }),
    );
    expect(normaliseSecret('A'.repeat(16))).toBe('A'.repeat(16));
    expect(normaliseSecret('A'.repeat(411))).toHaveLength(410); // 256 bytes
    expect(() => normaliseSecret('A'.repeat(412))).toThrow(
      expect.objectContaining({ code: 'secret-too-long' }),
    );
  });

  it('is idempotent and canonical for any key in range, however it is spelt', () => {
    const decorated = fc
      .record({
        key: fc.uint8Array({ minLength: 10, maxLength: 256 }),
        lower: fc.array(fc.boolean(), { maxLength: 410 }),
        separators: fc.array(fc.constantFrom('', '', ' ', '-', '  ', '\t'), { maxLength: 410 }),
        padding: fc.integer({ min: 0, max: 6 }),
      })
      .map(({ key, lower, separators, padding }) => {
        const canonical = base32Encode(key);
        const spelt = [...canonical]
          .map((c, i) => (lower[i] ? c.toLowerCase() : c) + (separators[i] ?? ''))
          .join('');
        return { canonical, spelt: spelt + '='.repeat(padding) };
      });
    fc.assert(
      fc.property(decorated, ({ canonical, spelt }) => {
        expect(normaliseSecret(spelt)).toBe(canonical);
        expect(normaliseSecret(canonical)).toBe(canonical);
      }),
    );
  });

  it('is idempotent on any base32 text, and its output suits otplib’s strict decoder', () => {
    const text = fc.string({
      unit: fc.constantFrom(...BASE32_ALPHABET),
      minLength: 16,
      maxLength: 411,
    });
    fc.assert(
      fc.property(text, (raw) => {
        const once = normaliseSecret(raw);
        expect(normaliseSecret(once)).toBe(once);
        expect(scure.decode(once)).toEqual(base32Decode(raw));
      }),
    );
  });
});

describe('secretStrength', () => {
  it.each([
    [KEY, 80, true],
    ['A'.repeat(25), 120, true],
    ['A'.repeat(26), 128, false],
    ['A'.repeat(32), 160, false],
    ['a'.repeat(8) + '-' + 'a'.repeat(8) + '==', 80, true],
  ])('%s has %i bits (weak: %s)', (secret, bits, weak) => {
    expect(secretStrength(secret)).toEqual({ bits, weak });
    expect(isWeakSecret(secret)).toBe(weak);
  });

  it('reports short secrets too, so a form can explain, but refuses bad characters', () => {
    expect(secretStrength('JBSWY3DP')).toEqual({ bits: 40, weak: true });
    expect(() => secretStrength('JBSWY3D!')).toThrow(
      expect.objectContaining({ code: 'secret-invalid' }),
    );
  });
});
