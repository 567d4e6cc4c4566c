import fc from 'fast-check';
import { CryptoError } from './errors';
import { GCM_IV_BYTES, GCM_TAG_BYTES, openBox, sealBox, type SealedBox } from './aes-gcm';
import { generateVaultKey } from './vault-key';

const flipped = (bytes: Uint8Array, index: number, mask = 0x01) => {
  const copy = new Uint8Array(bytes);
  copy[index % copy.length]! ^= mask;
  return copy;
};

describe('sealBox / openBox', () => {
  let key: CryptoKey;
  beforeAll(async () => {
    key = await generateVaultKey();
  });

  it('round-trips any plaintext under any additional data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }),
        fc.uint8Array({ maxLength: 128 }),
        async (plain, ad) => {
          const box = await sealBox(key, plain, ad);
          expect(box.iv).toHaveLength(GCM_IV_BYTES);
          expect(box.ciphertext).toHaveLength(plain.length + GCM_TAG_BYTES);
          expect(await openBox(key, box, ad)).toEqual(plain);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('uses a fresh IV for every write, so equal plaintexts give different ciphertexts', async () => {
    const plain = new Uint8Array([1, 2, 3]);
    const boxes = await Promise.all(Array.from({ length: 20 }, () => sealBox(key, plain, plain)));
    expect(new Set(boxes.map((b) => b.iv.join())).size).toBe(20);
    expect(new Set(boxes.map((b) => b.ciphertext.join())).size).toBe(20);
  });

  it('refuses any single flipped bit in ciphertext, IV or additional data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.constantFrom('ciphertext', 'iv', 'ad'),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (plain, ad, part, index, bit) => {
          const box = await sealBox(key, plain, ad);
          const mask = 1 << bit;
          const tampered: SealedBox =
            part === 'ciphertext'
              ? { iv: box.iv, ciphertext: flipped(box.ciphertext, index, mask) }
              : part === 'iv'
                ? { iv: flipped(box.iv, index, mask), ciphertext: box.ciphertext }
                : box;
          const usedAd = part === 'ad' ? flipped(new Uint8Array(ad), index, mask) : ad;
          await expect(openBox(key, tampered, usedAd)).rejects.toMatchObject({
            code: 'decrypt-failed',
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses another key, a truncated ciphertext and a malformed IV', async () => {
    const box = await sealBox(key, new Uint8Array([9, 9, 9]), new Uint8Array());
    const other = await generateVaultKey();
    await expect(openBox(other, box, new Uint8Array())).rejects.toBeInstanceOf(CryptoError);
    await expect(
      openBox(key, { iv: box.iv, ciphertext: box.ciphertext.slice(0, 10) }, new Uint8Array()),
    ).rejects.toMatchObject({ code: 'decrypt-failed' });
    await expect(
      openBox(key, { iv: box.iv.slice(0, 8), ciphertext: box.ciphertext }, new Uint8Array()),
    ).rejects.toMatchObject({ code: 'decrypt-failed' });
  });

  it('accepts views that do not start at offset 0 of their buffer', async () => {
    const backing = new Uint8Array([0, 0, 5, 6, 7, 0]);
    const plain = backing.subarray(2, 5);
    const box = await sealBox(key, plain, backing.subarray(0, 1));
    expect(await openBox(key, box, new Uint8Array([0]))).toEqual(new Uint8Array([5, 6, 7]));
  });
});
