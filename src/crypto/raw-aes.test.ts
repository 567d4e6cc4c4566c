import { createCipheriv } from 'node:crypto';
import { aesCbcDecryptRaw, aesGcmDecryptRaw, aesGcmEncryptRaw } from './raw-aes';

describe('AES-GCM under raw key bytes', () => {
  const key = new Uint8Array(32).fill(7);
  const iv = new Uint8Array(12).fill(1);
  const plain = new Uint8Array([1, 2, 3, 4]);
  const ad = new Uint8Array([9]);

  it('round-trips and appends a 16-byte tag', async () => {
    const sealed = await aesGcmEncryptRaw(key, iv, plain, ad);
    expect(sealed).toHaveLength(plain.length + 16);
    expect(await aesGcmDecryptRaw(key, iv, sealed, ad)).toEqual(plain);
  });

  it('matches the NIST GCM test vector (test case 13: zero key, empty plaintext)', async () => {
    const tag = await aesGcmEncryptRaw(new Uint8Array(32), new Uint8Array(12), new Uint8Array());
    expect(Buffer.from(tag).toString('hex')).toBe('530f8afbc74536b9a963b4f1c4cb738b');
  });

  it('refuses another key, another nonce, other additional data and a changed byte', async () => {
    const sealed = await aesGcmEncryptRaw(key, iv, plain, ad);
    const changed = new Uint8Array(sealed);
    changed[0]! ^= 1;
    for (const attempt of [
      () => aesGcmDecryptRaw(new Uint8Array(32), iv, sealed, ad),
      () => aesGcmDecryptRaw(key, new Uint8Array(12), sealed, ad),
      () => aesGcmDecryptRaw(key, iv, sealed),
      () => aesGcmDecryptRaw(key, iv, changed, ad),
      () => aesGcmDecryptRaw(key, iv, sealed.slice(0, 15), ad),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'decrypt-failed' });
    }
  });

  it('refuses keys that are not AES key lengths', async () => {
    await expect(aesGcmEncryptRaw(new Uint8Array(31), iv, plain)).rejects.toMatchObject({
      code: 'invalid-key',
    });
  });
});

describe('AES-CBC decryption under raw key bytes', () => {
  const key = new Uint8Array(32).fill(3);
  const iv = new Uint8Array(16).fill(4);
  const cbc = (plain: string) => {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    return new Uint8Array(Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]));
  };

  it('decrypts what OpenSSL encrypts (PKCS#7 padding removed)', async () => {
    const plain = await aesCbcDecryptRaw(key, iv, cbc('sixteen bytes!!!+more'));
    expect(Buffer.from(plain).toString('utf8')).toBe('sixteen bytes!!!+more');
  });

  it('refuses bad padding, a torn block and a wrong-length IV', async () => {
    const sealed = cbc('x');
    const wrongKey = new Uint8Array(32).fill(5);
    // One in 256 wrong keys gives valid padding by chance; this one does not.
    for (const attempt of [
      () => aesCbcDecryptRaw(wrongKey, iv, sealed),
      () => aesCbcDecryptRaw(key, iv, sealed.slice(0, 15)),
      () => aesCbcDecryptRaw(key, iv.slice(0, 8), sealed),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'decrypt-failed' });
    }
  });
});
