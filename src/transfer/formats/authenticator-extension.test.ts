import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import fc from 'fast-check';
import { createOtpParams } from '../../otp';
import { utf8Encode } from '../../shared';
import { expectOnlyTransferErrors, FUZZ_TIMEOUT_MS } from '../fuzz.fixture';
import { readImport } from '../read-import';
import { authenticatorExtensionReader } from './authenticator-extension';

/**
 * Fixtures are built the way Authenticator (Authenticator-Extension/Authenticator, dev branch)
 * writes them, with Node's own OpenSSL rather than the code under test:
 * `CryptoJS.AES.encrypt(text, passphrase)` is OpenSSL's `enc -aes-256-cbc -md md5`.
 */
function cryptoJsEncrypt(text: string, passphrase: string): string {
  const salt = randomBytes(8);
  const pass = Buffer.from(passphrase, 'utf8');
  let material = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (material.length < 48) {
    block = createHash('md5')
      .update(Buffer.concat([block, pass, salt]))
      .digest();
    material = Buffer.concat([material, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', material.subarray(0, 32), material.subarray(32, 48));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from('Salted__'), salt, body]).toString('base64');
}

/** `getBackupFile`: JSON.stringify(data, null, 2) with Windows line ends. */
const backupFile = (data: object) => JSON.stringify(data, null, 2).replace(/\n/g, '\r\n');

const PASSWORD = 'extension passphrase';
const uuid = (n: number) => `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;

/** Entries as `getOTPStorageFromEntry` stores them: defaults left out. */
const STORED = [
  {
    encrypted: false,
    hash: uuid(1),
    index: 0,
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo',
    dataType: 'OTPStorage',
  },
  {
    encrypted: false,
    hash: uuid(2),
    index: 1,
    type: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    counter: 7,
    account: 'counter',
    digits: 8,
    algorithm: 'SHA256',
    dataType: 'OTPStorage',
  },
  {
    encrypted: false,
    hash: uuid(3),
    index: 2,
    type: 'hex',
    secret: '3132333435363738393031323334353637383930',
    period: 60,
    issuer: 'Hex',
    dataType: 'OTPStorage',
  },
  {
    encrypted: false,
    hash: uuid(4),
    index: 3,
    type: 'battle',
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    issuer: 'Battle.net',
    dataType: 'OTPStorage',
  },
  {
    encrypted: false,
    hash: uuid(5),
    index: 4,
    type: 'totp',
    secret: 'MFRGGZDFMZTWQ2LK',
    issuer: 'Yandex',
    algorithm: 'GOST3411_2012_256',
    dataType: 'OTPStorage',
  },
];

const EXPECTED = [
  createOtpParams({
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo',
  }),
  createOtpParams({
    type: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    account: 'counter',
    counter: 7,
    digits: 8,
    algorithm: 'SHA256',
  }),
  createOtpParams({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'Hex', period: 60 }),
  createOtpParams({ secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', issuer: 'Battle.net', digits: 8 }),
];

const asInput = (text: string) => ({ name: 'authenticator.json', bytes: utf8Encode(text) });

/** Authenticator's `argon2.hash(...).encoded` for its fixed settings, and the hash part of it. */
function argonEncoded(value: string, salt: string) {
  const unpadded = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  const hash = unpadded(argon2id(utf8Encode(value), utf8Encode(salt), ARGON2));
  return { hash, encoded: `$argon2id$v=19$m=19456,t=2,p=1$${unpadded(utf8Encode(salt))}$${hash}` };
}
const ARGON2 = { t: 2, m: 19 * 1024, p: 1, dkLen: 32 };

/**
 * A v3 backup (`exportEncData`): EncOTPStorage entries and the Key record they name, whose
 * salt comes from `genHash` (hex of random 16-bit words) and whose hash is the Argon2id of
 * the passphrase (Accounts.ts, `migrationNeeded`).
 */
function v3Backup(password: string, entries = STORED) {
  const salt = '3f2a9c1d7be04a6e1f0';
  const passphrase = argonEncoded(password, salt).hash;
  const keyId = uuid(9);
  const data: Record<string, object> = {};
  for (const entry of entries) {
    const stored = { ...entry, encrypted: true, keyId };
    data[entry.hash] = {
      dataType: 'EncOTPStorage',
      data: cryptoJsEncrypt(JSON.stringify(stored), passphrase),
      keyId,
      index: entry.index,
    };
  }
  const { encoded } = argonEncoded(passphrase, '9e0c4b1a77d2');
  data[keyId] = { dataType: 'Key', id: keyId, salt, hash: encoded, version: 3 };
  return backupFile(data);
}

/** A v1 backup: each secret encrypted on its own under the password. */
const v1Backup = (password: string) =>
  backupFile(
    Object.fromEntries(
      STORED.map((e) => [
        e.hash,
        { ...e, encrypted: true, secret: cryptoJsEncrypt(e.secret, password) },
      ]),
    ),
  );

/** A v2 backup: `key.enc` holds the key; secrets are encrypted under the hex of its bytes. */
function v2Backup(password: string) {
  const key = 'f6e5d4c3b2a1';
  const passphrase = Buffer.from(key, 'utf8').toString('hex');
  return backupFile({
    ...Object.fromEntries(
      STORED.map((e) => [
        e.hash,
        { ...e, encrypted: true, secret: cryptoJsEncrypt(e.secret, passphrase) },
      ]),
    ),
    key: { enc: cryptoJsEncrypt(key, password), hash: 'not checked' },
  });
}

describe('Authenticator (browser extension) import', () => {
  it('reads its plain backup: totp, hotp, hex and Battle.net entries, and says why GOST is skipped', async () => {
    const result = await readImport(
      asInput(backupFile(Object.fromEntries(STORED.map((e) => [e.hash, e])))),
    );
    expect(result.format).toBe('authenticator-extension');
    expect(result.accounts).toEqual(EXPECTED);
    expect(result.skipped).toEqual([{ label: 'Yandex', reason: expect.stringMatching(/GOST/) }]);
  });

  it('decrypts its v3 encrypted backup (Argon2id key, CryptoJS AES entries)', async () => {
    const text = v3Backup(PASSWORD);
    await expect(readImport(asInput(text))).rejects.toMatchObject({ code: 'password-required' });
    await expect(readImport(asInput(text), { password: 'nope' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const result = await readImport(asInput(text), { password: PASSWORD });
    expect(result.accounts).toEqual(EXPECTED);
  }, 60_000);

  it.each([
    ['v1', v1Backup],
    ['v2', v2Backup],
  ])('decrypts its %s encrypted backup and refuses a wrong password', async (_, make) => {
    const text = make(PASSWORD);
    await expect(readImport(asInput(text))).rejects.toMatchObject({ code: 'password-required' });
    await expect(readImport(asInput(text), { password: 'nope' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect((await readImport(asInput(text), { password: PASSWORD })).accounts).toEqual(EXPECTED);
  });

  it('skips an entry whose encrypted data was changed and keeps the rest', async () => {
    const file = JSON.parse(v1Backup(PASSWORD)) as Record<string, { secret: string }>;
    const victim = file[uuid(1)]!;
    victim.secret =
      victim.secret.slice(0, 20) +
      (victim.secret[20] === 'A' ? 'B' : 'A') +
      victim.secret.slice(21);
    const result = await readImport(asInput(backupFile(file)), { password: PASSWORD });
    expect(result.accounts).toEqual(EXPECTED.slice(1));
    expect(result.skipped.map((s) => s.reason)).toContain(
      'This entry could not be decrypted with that password.',
    );
  });

  it(
    'survives 100,000 mutated backups with nothing but a TransferError',
    async () => {
      // One encrypted entry among plain ones: each case stays cheap (one AES-CBC at most).
      const encrypted = JSON.parse(v1Backup(PASSWORD)) as Record<string, Record<string, unknown>>;
      const base = {
        ...Object.fromEntries(STORED.map((e) => [e.hash, e as Record<string, unknown>])),
        [uuid(1)]: encrypted[uuid(1)]!,
      };
      const hashes = Object.keys(base);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.constantFrom(
            'secret',
            'type',
            'encrypted',
            'digits',
            'period',
            'counter',
            'algorithm',
            'dataType',
            'keyId',
            'data',
            'index',
          ),
          fc.oneof(
            fc.jsonValue({ maxDepth: 1 }),
            fc.constantFrom('hex', 'hhex', 'steam', 'EncOTPStorage', 'stm-AAAA', true),
          ),
          fc.boolean(),
          async (which, field, value, truncate) => {
            const hash = hashes[which % hashes.length]!;
            const file = { ...base, [hash]: { ...base[hash], [field]: value } };
            const text = backupFile(file);
            await expectOnlyTransferErrors(
              () =>
                authenticatorExtensionReader.read(
                  truncate ? text.slice(0, which % text.length) : text,
                  {
                    password: PASSWORD,
                  },
                ),
              [PASSWORD, ...STORED.map((e) => e.secret)],
            );
          },
        ),
        { numRuns: 100_000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
