import { base32Decode } from '../../shared';
import { readImport } from '../read-import';
import { TransferError } from '../errors';
import {
  HAND_ENCODED_LINK,
  HAND_ENCODED_SECRET,
  encodeMigrationPayload,
  migrationLink,
  type MigrationEntry,
} from './google-migration.fixture';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY = base32Decode(SECRET);

const read = (text: string, name = 'pasted.txt') =>
  readImport({ name, bytes: new TextEncoder().encode(text) });

const entry = (patch: Partial<MigrationEntry> = {}): MigrationEntry => ({
  secret: KEY,
  name: 'alice@example.com',
  issuer: 'Example',
  algorithm: 1,
  digits: 1,
  type: 2,
  ...patch,
});

describe('Google Authenticator export', () => {
  it("reads a payload encoded by hand from the app's .proto", async () => {
    // The fixture builder writes exactly the bytes the app wrote.
    const data = decodeURIComponent(HAND_ENCODED_LINK.split('data=')[1]!);
    expect(
      Buffer.from(
        encodeMigrationPayload({
          entries: [
            {
              secret: base32Decode(HAND_ENCODED_SECRET),
              name: 'alice@example.com',
              issuer: 'Example',
              algorithm: 1,
              digits: 1,
              type: 2,
            },
          ],
          version: 1,
          batchSize: 1,
          batchIndex: 0,
          batchId: 123,
        }),
      ).toString('base64'),
    ).toBe(data);

    expect(await read(HAND_ENCODED_LINK)).toEqual({
      format: 'google-authenticator',
      accounts: [
        {
          type: 'totp',
          secret: HAND_ENCODED_SECRET,
          account: 'alice@example.com',
          issuer: 'Example',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        },
      ],
      skipped: [],
    });
  });

  it.each([
    [0, 'SHA1'],
    [1, 'SHA1'],
    [2, 'SHA256'],
    [3, 'SHA512'],
  ])('reads algorithm value %i as %s', async (algorithm, name) => {
    const { accounts } = await read(migrationLink({ entries: [entry({ algorithm })] }));
    expect(accounts[0]?.algorithm).toBe(name);
  });

  it.each([
    [0, 6],
    [1, 6],
    [2, 8],
  ])('reads digit-count value %i as %i digits', async (digits, count) => {
    const { accounts } = await read(migrationLink({ entries: [entry({ digits })] }));
    expect(accounts[0]?.digits).toBe(count);
  });

  it('reads every type value, with HOTP counters up to 2^53 - 1', async () => {
    const link = migrationLink({
      entries: [
        entry({ name: 'unspecified', type: 0 }),
        entry({ name: 'hotp', type: 1, counter: 42n }),
        entry({ name: 'totp', type: 2 }),
        entry({ name: 'hotp-new', type: 1 }),
        entry({ name: 'hotp-max', type: 1, counter: 2n ** 53n - 1n }),
      ],
    });
    const { accounts, skipped } = await read(link);
    expect(skipped).toEqual([]);
    expect(accounts.map((a) => [a.account, a.type, a.counter])).toEqual([
      ['unspecified', 'totp', undefined],
      ['hotp', 'hotp', 42],
      ['totp', 'totp', undefined],
      ['hotp-new', 'hotp', 0],
      ['hotp-max', 'hotp', Number.MAX_SAFE_INTEGER],
    ]);
  });

  it('skips what Keyfob cannot take, with a reason and without the secret', async () => {
    const link = migrationLink({
      entries: [
        entry({ name: 'md5', algorithm: 4 }),
        entry({ name: 'algo', algorithm: 9 }),
        entry({ name: 'seven', digits: 3 }),
        entry({ name: 'kind', type: 7 }),
        entry({ name: 'short', secret: KEY.subarray(0, 5) }),
        entry({ name: 'huge', type: 1, counter: 2n ** 53n }),
        entry({ name: 'negative', type: 1, counter: -1n }),
        entry({ name: 'ok' }),
      ],
    });
    const { accounts, skipped } = await read(link);
    expect(accounts.map((a) => a.account)).toEqual(['ok']);
    expect(skipped.map((s) => s.label)).toEqual([
      'Example (md5)',
      'Example (algo)',
      'Example (seven)',
      'Example (kind)',
      'Example (short)',
      'Example (huge)',
      'Example (negative)',
    ]);
    expect(skipped[0]!.reason).toMatch(/MD5/);
    expect(JSON.stringify(skipped)).not.toContain(SECRET.slice(0, 16));
  });

  it('splits a name the app stored as the whole label', async () => {
    const link = migrationLink({
      entries: [
        entry({ name: 'Example:alice', issuer: 'Example' }),
        entry({ name: 'Acme:bob', issuer: '' }),
        entry({ name: 'team:ops', issuer: 'Other' }),
      ],
    });
    const { accounts } = await read(link);
    expect(accounts.map((a) => [a.issuer, a.account])).toEqual([
      ['Example', 'alice'],
      ['Acme', 'bob'],
      ['Other', 'team:ops'],
    ]);
  });

  it('reads several QR codes of one or more exports in one go, and names a missing one', async () => {
    const batch = (index: number, name: string, batchId = 7) =>
      migrationLink({ entries: [entry({ name })], batchSize: 3, batchIndex: index, batchId });
    const text = [
      batch(0, 'first'),
      '',
      `  ${batch(2, 'third')}  `,
      batch(0, 'first'), // the same code scanned twice counts once
      migrationLink({ entries: [entry({ name: 'other export' })], batchId: 9 }),
    ].join('\r\n');
    const { format, accounts, skipped } = await read(text);
    expect(format).toBe('google-authenticator');
    expect(accounts.map((a) => a.account)).toEqual(['first', 'third', 'other export']);
    expect(skipped).toEqual([
      {
        label: 'Google Authenticator QR code 2 of 3',
        reason: expect.stringMatching(/scan or paste it too/),
      },
    ]);
  });

  it('accepts the data as form decoding or base64url leaves it', async () => {
    const link = migrationLink({
      entries: [entry({ secret: Uint8Array.from({ length: 20 }, () => 0xfb) })],
    });
    const base64 = decodeURIComponent(link.split('data=')[1]!);
    expect(base64).toMatch(/[+/]/);
    for (const data of [
      base64,
      base64.replace(/\+/g, ' '),
      base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ]) {
      const { accounts } = await read(`otpauth-migration://offline?data=${data}`);
      expect(accounts).toHaveLength(1);
    }
  });

  it.each([
    'otpauth-migration://offline',
    'otpauth-migration://offline?data=',
    'otpauth-migration://offline?data=%E0%A4%A',
    'otpauth-migration://offline?data=Cj!!',
    'otpauth-migration://offline?data=CjYK', // length runs past the end
    'otpauth-migration://offline?data=Cw', // a group (wire type 3)
  ])('refuses the damaged link %s as damaged-file', async (link) => {
    await expect(read(link)).rejects.toEqual(expect.objectContaining({ code: 'damaged-file' }));
    await expect(read(link)).rejects.toBeInstanceOf(TransferError);
  });

  it('skips unknown fields a newer app may add', async () => {
    const bytes = [...encodeMigrationPayload({ entries: [entry()] })];
    // field 6 varint, field 7 fixed64, field 8 bytes, field 9 fixed32
    bytes.push(0x30, 0x01, 0x39, ...new Array(8).fill(0), 0x42, 0x01, 0x00, 0x4d, 0, 0, 0, 0);
    const data = encodeURIComponent(Buffer.from(bytes).toString('base64'));
    const { accounts } = await read(`otpauth-migration://offline?data=${data}`);
    expect(accounts).toHaveLength(1);
  });
});
