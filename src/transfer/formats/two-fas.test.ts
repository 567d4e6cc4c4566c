import { readImport } from '../read-import';
import {
  SERVICES_V4,
  SERVICE_V1,
  SERVICE_V2,
  encryptedBackup,
  plainBackup,
} from './two-fas.fixture';

const PASSWORD = 'Tr0ub4dor&3 ünïcødé';

const read = (text: string, password?: string) =>
  readImport({ name: 'backup.2fas', bytes: new TextEncoder().encode(text) }, { password });

const EXPECTED_V4 = [
  {
    type: 'totp',
    secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ',
    account: 'Mason',
    issuer: 'Deno',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  {
    type: 'hotp',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    account: 'Benjamin',
    issuer: 'Air Canada',
    algorithm: 'SHA256',
    digits: 7,
    period: 30,
    counter: 50,
  },
  {
    type: 'steam',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    account: 'gaben',
    issuer: 'Steam',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
  },
];

describe('2FAS backup', () => {
  it.each([3, 4])('reads a plain schema %i backup: TOTP, HOTP and Steam', async (version) => {
    expect(await read(plainBackup(version, SERVICES_V4))).toEqual({
      format: '2fas',
      accounts: EXPECTED_V4,
      skipped: [],
    });
  });

  it('reads schema 1 and 2 backups, which carry fewer fields', async () => {
    const v1 = await read(plainBackup(1, [SERVICE_V1]));
    expect(v1.accounts).toEqual([
      expect.objectContaining({
        issuer: 'Airbnb',
        account: 'Elijah',
        type: 'totp',
        digits: 6,
        period: 30,
      }),
    ]);
    const v2 = await read(plainBackup(2, [SERVICE_V2]));
    expect(v2.accounts).toEqual([
      expect.objectContaining({
        issuer: 'WWE',
        account: 'Mason',
        algorithm: 'SHA512',
        digits: 8,
        period: 50,
      }),
    ]);
  });

  it('takes the account from an old label and the issuer from the service name', async () => {
    const service = { name: 'Acme', secret: SERVICE_V1.secret, otp: { label: 'Acme:root' } };
    const { accounts } = await read(plainBackup(1, [service]));
    expect(accounts[0]).toMatchObject({ issuer: 'Acme', account: 'root' });
  });

  it('skips entries Keyfob cannot take, naming them and never their secret', async () => {
    const services = [
      { ...SERVICES_V4[0], otp: { ...SERVICES_V4[0]!.otp, algorithm: 'MD5' } },
      { ...SERVICES_V4[0], secret: 'ABC', name: 'Short' },
      { ...SERVICES_V4[0], otp: { ...SERVICES_V4[0]!.otp, tokenType: 'YANDEX' } },
      'not an object',
      SERVICES_V4[2],
    ];
    const { accounts, skipped } = await read(plainBackup(4, services));
    expect(accounts).toHaveLength(1);
    expect(skipped.map((s) => s.label)).toEqual([
      'Deno (Mason)',
      'Deno (Mason)',
      'Deno (Mason)',
      'Entry 4',
    ]);
    expect(JSON.stringify(skipped)).not.toContain(SERVICES_V4[0]!.secret);
  });

  describe('encrypted', () => {
    it.each([2, 3, 4])('opens a schema %i backup with its password', async (version) => {
      const { accounts, skipped } = await read(
        encryptedBackup(version, SERVICES_V4, PASSWORD),
        PASSWORD,
      );
      expect(accounts).toEqual(EXPECTED_V4);
      expect(skipped).toEqual([]);
    });

    it('asks for the password when none was given', async () => {
      const text = encryptedBackup(4, SERVICES_V4, PASSWORD);
      await expect(read(text)).rejects.toMatchObject({ code: 'password-required' });
      await expect(read(text, '')).rejects.toMatchObject({ code: 'password-required' });
    });

    it('says the password is wrong, and lets it be tried again', async () => {
      const text = encryptedBackup(4, SERVICES_V4, PASSWORD);
      const error = await read(text, 'wrong password').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TransferError', code: 'wrong-password' });
      expect(JSON.stringify(error) + String(error)).not.toContain('wrong password');
      expect((await read(text, PASSWORD)).accounts).toHaveLength(3);
      // Without a reference (schema 2) a failure can only mean the password.
      await expect(read(encryptedBackup(2, SERVICES_V4, PASSWORD), 'nope')).rejects.toMatchObject({
        code: 'wrong-password',
      });
    });

    it('calls any changed byte of the sealed services damaged, and imports nothing', async () => {
      const backup = JSON.parse(encryptedBackup(4, SERVICES_V4, PASSWORD)) as Record<
        string,
        string
      >;
      const [data, salt, iv] = backup.servicesEncrypted!.split(':') as [string, string, string];
      const bytes = Buffer.from(data, 'base64');
      for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ 0x01;
        const text = JSON.stringify({
          ...backup,
          servicesEncrypted: `${changed.toString('base64')}:${salt}:${iv}`,
        });
        await expect(read(text, PASSWORD)).rejects.toMatchObject({ code: 'damaged-file' });
      }
      const shortIv = JSON.stringify({ ...backup, servicesEncrypted: `${data}:${salt}:AAAA` });
      await expect(read(shortIv, PASSWORD)).rejects.toMatchObject({ code: 'damaged-file' });
    });

    it('refuses a salt past the cap without running the KDF on it', async () => {
      const backup = JSON.parse(encryptedBackup(4, [], PASSWORD)) as Record<string, string>;
      const [data, , iv] = backup.servicesEncrypted!.split(':') as [string, string, string];
      const huge = Buffer.alloc(4096).toString('base64');
      const text = JSON.stringify({
        ...backup,
        reference: undefined,
        servicesEncrypted: `${data}:${huge}:${iv}`,
      });
      await expect(read(text, PASSWORD)).rejects.toMatchObject({ code: 'damaged-file' });
    });
  });
});
