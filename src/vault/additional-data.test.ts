import fc from 'fast-check';
import { toHex } from '../shared';
import { accountAd, keyCheckAd, keySlotAd } from './additional-data';

describe('additional data', () => {
  const record = (id: string, version = 1) => ({ id, format: 2, version });

  it('differs whenever vault id or account id differ, however the characters are split', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (v1, a1, v2, a2) => {
        fc.pre(v1 !== v2 || a1 !== a2);
        expect(toHex(accountAd(v1, record(a1)))).not.toBe(toHex(accountAd(v2, record(a2))));
      }),
    );
  });

  it('binds the record version from format 2 on', () => {
    const id = '0'.repeat(32);
    expect(toHex(accountAd(id, record(id, 1)))).not.toBe(toHex(accountAd(id, record(id, 2))));
    // Format 1 records had no version: theirs is the AD they were sealed with.
    const legacy = { id, format: 1, version: 0 };
    expect(toHex(accountAd(id, legacy))).toBe(toHex(accountAd(id, { ...legacy, version: 7 })));
  });

  it('separates purposes and formats', () => {
    const id = '0'.repeat(32);
    const encodings = [
      accountAd(id, { id, format: 1, version: 0 }),
      accountAd(id, record(id)),
      keyCheckAd(id),
      keySlotAd(id, 600_000, new Uint8Array(16)),
      keySlotAd(id, 600_001, new Uint8Array(16)),
      keySlotAd(id, 600_000, new Uint8Array(16).fill(1)),
    ].map(toHex);
    expect(new Set(encodings).size).toBe(encodings.length);
  });
});
