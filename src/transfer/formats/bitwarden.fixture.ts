// Bitwarden exports built as Bitwarden's clients write them (individual vault export
// service): JSON with `encrypted`, `folders` and `items`, each login item with
// `login.{uris, username, password, totp, fido2Credentials}`; CSV through papaparse with
// the header below, fields quoted only when they must be, and CRLF line ends.

/** One login as the test needs it. */
export interface BitwardenLogin {
  name: string;
  username?: string;
  totp?: string | null;
  notes?: string;
}

/** The JSON export of a personal vault. */
export function bitwardenJson(logins: readonly BitwardenLogin[]): string {
  return JSON.stringify(
    {
      encrypted: false,
      folders: [{ id: 'b5d6e7f8-0000-4000-8000-000000000001', name: 'Work' }],
      items: [
        ...logins.map((login, index) => ({
          passwordHistory: null,
          revisionDate: '2025-05-01T10:00:00.000Z',
          creationDate: '2025-05-01T10:00:00.000Z',
          deletedDate: null,
          id: `0f0e0d0c-0000-4000-8000-00000000000${index}`,
          organizationId: null,
          folderId: null,
          type: 1,
          reprompt: 0,
          name: login.name,
          notes: login.notes ?? null,
          favorite: false,
          login: {
            fido2Credentials: [],
            uris: [{ match: null, uri: 'https://example.com' }],
            username: login.username ?? null,
            password: 'correct horse',
            totp: login.totp ?? null,
          },
          collectionIds: null,
        })),
        {
          id: '0f0e0d0c-0000-4000-8000-0000000000ff',
          organizationId: null,
          folderId: null,
          type: 2,
          reprompt: 0,
          name: 'A secure note',
          notes: 'otpauth://totp/not-a-login?secret=JBSWY3DPEHPK3PXP',
          favorite: false,
          secureNote: { type: 0 },
          collectionIds: null,
        },
      ],
    },
    null,
    2,
  );
}

const CSV_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

/** A CSV field as papaparse writes it: quoted only if it holds a comma, quote or line break. */
const csvField = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The CSV export of a personal vault. */
export function bitwardenCsv(logins: readonly BitwardenLogin[]): string {
  const rows = logins.map((login) =>
    [
      'Work',
      '',
      'login',
      login.name,
      login.notes ?? '',
      '',
      '0',
      'https://example.com',
      login.username ?? '',
      'correct, "horse"',
      login.totp ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_HEADER, ...rows].join('\r\n');
}

/** A password-protected JSON export: everything in `data`, sealed with Bitwarden's KDF. */
export const BITWARDEN_PASSWORD_PROTECTED = JSON.stringify({
  encrypted: true,
  passwordProtected: true,
  salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
  kdfType: 0,
  kdfIterations: 600000,
  kdfMemory: null,
  kdfParallelism: null,
  encKeyValidation_DO_NOT_EDIT: '2.AAAAAAAAAAAAAAAAAAAAAA==|AAAA|AAAA',
  data: '2.AAAAAAAAAAAAAAAAAAAAAA==|AAAA|AAAA',
});

/** An account-restricted encrypted JSON export: every field sealed with the account's key. */
export const BITWARDEN_ACCOUNT_ENCRYPTED = JSON.stringify({
  encrypted: true,
  encKeyValidation_DO_NOT_EDIT: '2.AAAAAAAAAAAAAAAAAAAAAA==|AAAA|AAAA',
  folders: [],
  items: [{ type: 1, name: '2.AAAA|AAAA|AAAA', login: { totp: '2.AAAA|AAAA|AAAA' } }],
});
