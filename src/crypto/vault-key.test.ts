import { randomBytes, randomId } from './random';
import { openBox, sealBox } from './aes-gcm';
import { derivePassphraseKey } from './kdf';
import {
  exportVaultKey,
  generateVaultKey,
  importVaultKey,
  unwrapVaultKey,
  VAULT_KEY_BYTES,
  wrapVaultKey,
} from './vault-key';

describe('vault key', () => {
  const params = { salt: new Uint8Array(16), iterations: 1 };
  const ad = new Uint8Array([1, 2, 3]);

  it('is a random 256-bit key', async () => {
    const a = await exportVaultKey(await generateVaultKey());
    const b = await exportVaultKey(await generateVaultKey());
    expect(a).toHaveLength(VAULT_KEY_BYTES);
    expect(a).not.toEqual(b);
  });

  it('wraps and unwraps to the same key', async () => {
    const key = await generateVaultKey();
    const kek = await derivePassphraseKey('correct horse', params);
    const box = await wrapVaultKey(key, kek, ad);
    expect(box.ciphertext).toHaveLength(VAULT_KEY_BYTES + 16);
    const back = await unwrapVaultKey(box, kek, ad);
    expect(await exportVaultKey(back)).toEqual(await exportVaultKey(key));
  });

  it('does not unwrap under a wrong passphrase or different additional data', async () => {
    const key = await generateVaultKey();
    const box = await wrapVaultKey(key, await derivePassphraseKey('correct horse', params), ad);
    const wrong = await derivePassphraseKey('correct horsf', params);
    await expect(unwrapVaultKey(box, wrong, ad)).rejects.toMatchObject({ code: 'decrypt-failed' });
    const right = await derivePassphraseKey('correct horse', params);
    await expect(unwrapVaultKey(box, right, new Uint8Array([1, 2]))).rejects.toMatchObject({
      code: 'decrypt-failed',
    });
  });

  it('survives export and import (the session-key path)', async () => {
    const key = await generateVaultKey();
    const box = await sealBox(key, new Uint8Array([42]), ad);
    const imported = await importVaultKey(await exportVaultKey(key));
    expect(await openBox(imported, box, ad)).toEqual(new Uint8Array([42]));
  });

  it('refuses raw keys of the wrong length', async () => {
    for (const length of [0, 16, 31, 33]) {
      await expect(importVaultKey(randomBytes(length))).rejects.toMatchObject({
        code: 'invalid-key',
      });
    }
  });
});

describe('randomId', () => {
  it('is 128 bits of hex and does not repeat', () => {
    const ids = Array.from({ length: 100 }, randomId);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(100);
  });
});
