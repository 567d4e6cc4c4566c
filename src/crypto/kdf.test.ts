import { fromHex, utf8Encode } from '../shared';
import { derivePassphraseKey, PBKDF2_DEFAULT_ITERATIONS, PBKDF2_MAX_ITERATIONS } from './kdf';
import { exportVaultKey, generateVaultKey, unwrapVaultKey, wrapVaultKey } from './vault-key';

/** RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", c = 1), first 32 bytes. */
const RFC7914_PASSWD_SALT_1 = '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc';

describe('derivePassphraseKey', () => {
  it('defaults to 600,000 iterations', () => {
    expect(PBKDF2_DEFAULT_ITERATIONS).toBe(600_000);
  });

  it('is PBKDF2-HMAC-SHA256 (checked against the RFC 7914 vector)', async () => {
    const kek = await derivePassphraseKey('passwd', { salt: utf8Encode('salt'), iterations: 1 });
    const vaultKey = await generateVaultKey();
    const ad = utf8Encode('ad');
    const box = await wrapVaultKey(vaultKey, kek, ad);
    // Decrypt the wrapped key with a key imported from the published derivation output.
    const expectedKek = await crypto.subtle.importKey(
      'raw',
      fromHex(RFC7914_PASSWD_SALT_1),
      'AES-GCM',
      false,
      ['decrypt'],
    );
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(box.iv), additionalData: ad },
      expectedKek,
      new Uint8Array(box.ciphertext),
    );
    expect(new Uint8Array(raw)).toEqual(await exportVaultKey(vaultKey));
  });

  it('gives a key that can neither be exported nor used to encrypt data', async () => {
    const kek = await derivePassphraseKey('x', { salt: new Uint8Array(16), iterations: 1 });
    expect(kek.extractable).toBe(false);
    expect([...kek.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
  });

  it('treats composed and decomposed spellings of a passphrase as the same', async () => {
    const salt = new Uint8Array(16);
    const vaultKey = await generateVaultKey();
    const ad = new Uint8Array();
    const composed = await derivePassphraseKey('caf\u00e9 au lait', { salt, iterations: 1 });
    const decomposed = await derivePassphraseKey('cafe\u0301 au lait', { salt, iterations: 1 });
    const box = await wrapVaultKey(vaultKey, composed, ad);
    await expect(unwrapVaultKey(box, decomposed, ad)).resolves.toBeDefined();
  });

  it('depends on passphrase, salt and iteration count', async () => {
    const vaultKey = await generateVaultKey();
    const ad = new Uint8Array();
    const base = { salt: new Uint8Array(16), iterations: 2 };
    const box = await wrapVaultKey(vaultKey, await derivePassphraseKey('pass', base), ad);
    for (const [passphrase, params] of [
      ['Pass', base],
      ['pass', { ...base, salt: new Uint8Array(16).fill(1) }],
      ['pass', { ...base, iterations: 3 }],
    ] as const) {
      const kek = await derivePassphraseKey(passphrase, params);
      await expect(unwrapVaultKey(box, kek, ad)).rejects.toMatchObject({ code: 'decrypt-failed' });
    }
  });

  it('refuses parameters that are invalid or would stall the worker', async () => {
    const salt = new Uint8Array(16);
    for (const iterations of [0, -1, 1.5, Number.NaN, PBKDF2_MAX_ITERATIONS + 1]) {
      await expect(derivePassphraseKey('p', { salt, iterations })).rejects.toMatchObject({
        code: 'invalid-parameters',
      });
    }
    await expect(
      derivePassphraseKey('p', { salt: new Uint8Array(), iterations: 1 }),
    ).rejects.toMatchObject({ code: 'invalid-parameters' });
  });
});
