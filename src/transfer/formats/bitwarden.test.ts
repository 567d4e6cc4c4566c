import { readImport } from '../read-import';
import {
  BITWARDEN_ACCOUNT_ENCRYPTED,
  BITWARDEN_PASSWORD_PROTECTED,
  bitwardenCsv,
  bitwardenJson,
  type BitwardenLogin,
} from './bitwarden.fixture';
import { parseCsv } from './csv';

const S1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STEAM = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';

const read = (text: string, name: string) =>
  readImport({ name, bytes: new TextEncoder().encode(text) });

const LOGINS: BitwardenLogin[] = [
  {
    name: 'GitHub',
    username: 'alice',
    totp: `otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub&digits=8`,
  },
  {
    name: 'Mail, "work"',
    username: 'bob@example.com',
    totp: 'jbsw y3dp ehpk 3pxp',
    notes: 'line one\nline "two", three',
  },
  { name: 'Steam', username: 'gaben', totp: `steam://${STEAM}` },
  { name: 'No 2FA here', username: 'carol', totp: null },
  { name: 'Broken', username: 'dave', totp: 'not base32!' },
];

const EXPECTED = [
  { issuer: 'GitHub', account: 'alice', type: 'totp', digits: 8, secret: S1 },
  {
    issuer: 'Mail, "work"',
    account: 'bob@example.com',
    type: 'totp',
    digits: 6,
    secret: 'JBSWY3DPEHPK3PXP',
  },
  { issuer: 'Steam', account: 'gaben', type: 'steam', digits: 5, secret: STEAM },
];

describe('Bitwarden', () => {
  it.each([
    ['bitwarden-json', () => bitwardenJson(LOGINS), 'bitwarden_export.json'],
    ['bitwarden-csv', () => bitwardenCsv(LOGINS), 'bitwarden_export.csv'],
  ])(
    '%s: reads links, bare secrets and steam:// secrets from each login',
    async (format, make, name) => {
      const result = await read(make(), name);
      expect(result.format).toBe(format);
      expect(result.accounts).toEqual(EXPECTED.map((e) => expect.objectContaining(e)));
      expect(result.skipped).toEqual([
        { label: 'Broken (dave)', reason: expect.stringMatching(/base32/) },
      ]);
    },
  );

  it('reads organisation CSV exports and bare LF line ends too', async () => {
    const text = [
      'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      `Team,login,VPN,,,0,https://vpn.example.com,ops,pw,${S1}`,
    ].join('\n');
    const { format, accounts } = await read(text, 'org.csv');
    expect(format).toBe('bitwarden-csv');
    expect(accounts).toEqual([
      expect.objectContaining({ issuer: 'VPN', account: 'ops', secret: S1 }),
    ]);
  });

  it.each([
    ['password-protected', BITWARDEN_PASSWORD_PROTECTED],
    ['account-encrypted', BITWARDEN_ACCOUNT_ENCRYPTED],
  ])('explains that a %s JSON export cannot be read', async (_, text) => {
    await expect(read(text, 'bitwarden_encrypted_export.json')).rejects.toMatchObject({
      code: 'unsupported-format',
      message: expect.stringMatching(/encrypted.*export the vault again/i),
    });
  });

  it('refuses a damaged JSON export without quoting it', async () => {
    const text = bitwardenJson(LOGINS).slice(0, 400);
    const error = await read(text, 'b.json').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'damaged-file' });
    expect(String((error as Error).message)).not.toContain('GitHub');
  });
});

describe('parseCsv', () => {
  it('keeps commas, quotes and line breaks inside quoted fields, with CRLF or LF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"f\r\ng",,h\n\nlast')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f\r\ng', '', 'h'],
      ['last'],
    ]);
  });

  it('refuses a quote left open', () => {
    expect(() => parseCsv('a,"b\r\nc')).toThrow(expect.objectContaining({ code: 'damaged-file' }));
  });
});
