import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { openBox } from './aes-gcm';
import { IMPORT_MAX_SALT_BYTES, derivePbkdf2AesKey } from './import-key';
import { PBKDF2_MAX_ITERATIONS } from './kdf';

const salt = new Uint8Array(32).fill(7);
const iv = new Uint8Array(12).fill(1);

function sealWithNode(password: string, hash: string, iterations: number): Uint8Array {
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, hash);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([cipher.update('hello', 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

describe('derivePbkdf2AesKey', () => {
  it.each([
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-512', 'sha512'],
  ] as const)('derives the key another app sealed with, by PBKDF2-HMAC-%s', async (hash, node) => {
    // Not normalised: the NFD spelling is a different password, as it is in those apps.
    const password = 'cafe\u0301 pass';
    const key = await derivePbkdf2AesKey(password, { salt, iterations: 1000, hash });
    const ciphertext = sealWithNode(password, node, 1000);
    const plain = await openBox(key, { iv, ciphertext }, new Uint8Array(0));
    expect(new TextDecoder().decode(plain)).toBe('hello');
    const nfc = await derivePbkdf2AesKey(password.normalize('NFC'), {
      salt,
      iterations: 1000,
      hash,
    });
    await expect(openBox(nfc, { iv, ciphertext }, new Uint8Array(0))).rejects.toMatchObject({
      code: 'decrypt-failed',
    });
  });

  it.each([
    { salt, iterations: 0 },
    { salt, iterations: PBKDF2_MAX_ITERATIONS + 1 },
    { salt, iterations: 1.5 },
    { salt: new Uint8Array(0), iterations: 1000 },
    { salt: new Uint8Array(IMPORT_MAX_SALT_BYTES + 1), iterations: 1000 },
  ])('refuses parameters a file should not demand: %o', async (params) => {
    await expect(derivePbkdf2AesKey('pw', { ...params, hash: 'SHA-256' })).rejects.toMatchObject({
      code: 'invalid-parameters',
    });
  });

  it('refuses a hash it does not know', async () => {
    await expect(
      derivePbkdf2AesKey('pw', { salt, iterations: 10, hash: 'MD5' as 'SHA-1' }),
    ).rejects.toMatchObject({ code: 'invalid-parameters' });
  });
});
