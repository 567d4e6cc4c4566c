import fc from 'fast-check';
import { toHex } from '../shared';
import { accountAd, keyCheckAd, keySlotAd } from './additional-data';

describe('additional data', () => {
  it('differs whenever vault id or account id differ, however the characters are split', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (v1, a1, v2, a2) => {
        fc.pre(v1 !== v2 || a1 !== a2);
        expect(toHex(accountAd(v1, a1))).not.toBe(toHex(accountAd(v2, a2)));
      }),
    );
  });

  it('separates purposes and formats', () => {
    const id = '0'.repeat(32);
    const encodings = [
      accountAd(id, id),
      accountAd(id, id, 2),
      keyCheckAd(id),
      keySlotAd(id, 600_000, new Uint8Array(16)),
      keySlotAd(id, 600_001, new Uint8Array(16)),
      keySlotAd(id, 600_000, new Uint8Array(16).fill(1)),
    ].map(toHex);
    expect(new Set(encodings).size).toBe(encodings.length);
  });
});
