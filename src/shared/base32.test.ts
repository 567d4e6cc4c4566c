import fc from 'fast-check';
import { base32Decode, base32Encode, base32ByteLength } from './base32';
import { utf8Encode } from './bytes';

describe('base32', () => {
  // RFC 4648 §10 test vectors, without padding.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];

  it.each(vectors)('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(base32Encode(utf8Encode(plain))).toBe(encoded);
    expect(base32Decode(encoded)).toEqual(utf8Encode(plain));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('ignores leftover bits, as authenticator apps do', () => {
    // "MZXW7" differs from "MZXW6" only in the bit that does not fill a byte.
    expect(base32Decode('MZXW7')).toEqual(utf8Encode('foo'));
    // A lone trailing character carries no whole byte.
    expect(base32Decode('MZXW6Y')).toEqual(utf8Encode('foo'));
    expect(base32ByteLength(6)).toBe(3);
  });

  it('refuses characters outside the upper-case alphabet without quoting them', () => {
    for (const bad of ['mzxw6', 'MZXW1', 'MZ XW', 'MZXW6===', 'MZXW8']) {
      expect(() => base32Decode(bad)).toThrow(new TypeError('not a base32 string'));
    }
  });
});
