import fc from 'fast-check';
import { createOtpParams, generateCode, type OtpParams } from '../../otp';
import { utf8Decode, utf8Encode } from '../../shared';
import { expectOnlyTransferErrors, FUZZ_TIMEOUT_MS } from '../fuzz.fixture';
import { readImport } from '../read-import';
import { writeExport } from '../write-export';
import type { ExportAccount } from '../types';
import { aegisReader, createAegisWriter } from './aegis';
import { formatAegisContent } from './aegis-entries';
import { AEGIS_SCRYPT, sealAegisVault } from './aegis-vault';
import {
  aegisEncryptedFile,
  aegisPlainFile,
  type AegisEntry,
} from '../../../test/support/aegis-files';

const AEGIS_PASSWORD = 'test';

const TINY = { N: 16, r: 1, p: 1 };
const PASSWORD = 'a phone is not a backup';
const writeTiny = createAegisWriter({ scrypt: TINY });
const asInput = (text: string | Uint8Array) => ({
  name: 'aegis-export.json',
  bytes: typeof text === 'string' ? utf8Encode(text) : text,
});
const codesOf = (accounts: readonly OtpParams[]) =>
  Promise.all(accounts.map((params) => generateCode(params, 1_700_000_000_000)));

/** Every TOTP/HOTP variation Aegis stores: each algorithm, 6–8 digits, odd periods, counters. */
const VECTORS: OtpParams[] = [
  {
    type: 'totp',
    issuer: 'Forge',
    account: 'ada',
    secret: 'EV2XGRVBPNSWQFNUJCOF3SWLWAG4RBVG',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  {
    type: 'totp',
    issuer: 'Ledger',
    account: 'grace',
    secret: '7NLFDDZNIBDXJUAEGL7MSCSAHEMIX6GZ',
    algorithm: 'SHA256',
    digits: 7,
    period: 20,
  },
  {
    type: 'totp',
    issuer: 'Harbour',
    account: 'linus',
    secret: 'VSA3N4UEICZGECFUWCSTWUWWLGUMBXW5',
    algorithm: 'SHA512',
    digits: 8,
    period: 50,
  },
  {
    type: 'hotp',
    issuer: 'Quill',
    account: 'grace',
    secret: 'UTUZ25HCU37E4TURVKG62HCJPXYSTLVZ',
    algorithm: 'SHA1',
    digits: 6,
    counter: 1,
  },
  {
    type: 'hotp',
    issuer: 'North Rail',
    account: 'barbara',
    secret: 'DZNTK2EKBEYMSAF4USAV47CCAFZJECJJ',
    algorithm: 'SHA256',
    digits: 7,
    counter: 50,
  },
  {
    type: 'hotp',
    issuer: 'Atlas',
    account: 'ada',
    secret: '4EG3UH34KFFUNFZFO35LMBMCGDW7KJFQ',
    algorithm: 'SHA512',
    digits: 8,
    counter: 10300,
  },
].map((fields) => createOtpParams(fields));

/** The vectors as Aegis entries, plus a Steam account. */
const ENTRIES: AegisEntry[] = [
  ...VECTORS.map((v) => ({
    type: v.type as 'totp' | 'hotp',
    name: v.account,
    issuer: v.issuer ?? '',
    info: {
      secret: v.secret,
      algo: v.algorithm,
      digits: v.digits,
      // createOtpParams gives every HOTP vector a counter and no TOTP one.
      ...(v.counter !== undefined ? { counter: v.counter } : { period: v.period }),
    },
  })),
  {
    type: 'steam',
    name: 'gaben',
    issuer: 'Steam',
    info: { secret: 'L6SJLLTMELKWDS2N3VE5TXZGCCXNHMVP', algo: 'SHA1', digits: 5, period: 30 },
  },
];
const PLAIN = aegisPlainFile(ENTRIES);
const ENCRYPTED = aegisEncryptedFile(ENTRIES, AEGIS_PASSWORD);

/** A plain vault (file version 1, content version 3) holding the given entries. */
const plainVault = (entries: unknown[], version = 1) =>
  JSON.stringify({ version, header: { slots: null, params: null }, db: { version: 3, entries } });

const entry = (type: string, info: Record<string, unknown>, name = 'n') => ({
  type,
  uuid: '01234567-89ab-4def-8123-456789abcdef',
  name,
  issuer: 'Issuer',
  info: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, ...info },
});

const ACCOUNTS: ExportAccount[] = [
  ...VECTORS,
  createOtpParams({ secret: 'JBSWY3DPEHPK3PXP', account: 'ünï@example.com', issuer: '' }),
].map((params) => ({ params }));

describe('Aegis import', () => {
  it('reads a plain vault as Aegis writes it', async () => {
    const result = await readImport(asInput(PLAIN));
    expect(result.format).toBe('aegis');
    // The seventh entry is a Steam account: read once src/otp knows Steam, skipped until then.
    expect(result.accounts.filter((a) => a.issuer !== 'Steam')).toEqual(VECTORS);
    expect(result.accounts.length + result.skipped.length).toBe(7);
  });

  it('decrypts an encrypted vault as Aegis writes it, with its password', async () => {
    const result = await readImport(asInput(ENCRYPTED), { password: AEGIS_PASSWORD });
    const vectors = result.accounts.filter((a) => a.issuer !== 'Steam');
    expect(vectors).toEqual(VECTORS);
    expect(await codesOf(vectors)).toEqual(await codesOf(VECTORS));
  }, 60_000);

  it('asks for the password, refuses a wrong one, and tells a changed vault body', async () => {
    await expect(readImport(asInput(ENCRYPTED))).rejects.toMatchObject({
      code: 'password-required',
    });
    await expect(readImport(asInput(ENCRYPTED), { password: 'Test' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const db = (JSON.parse(ENCRYPTED) as { db: string }).db;
    const changed = ENCRYPTED.replace(
      db.slice(0, 4),
      db[0] === 'A' ? `B${db.slice(1, 4)}` : `A${db.slice(1, 4)}`,
    );
    await expect(readImport(asInput(changed), { password: AEGIS_PASSWORD })).rejects.toMatchObject({
      code: 'damaged-file',
    });
  }, 60_000);

  it('skips mOTP, Yandex and unknown entries with a reason and keeps the rest', async () => {
    const text = plainVault([
      entry('motp', { pin: '1234' }, 'm'),
      entry('yandex', { pin: '1234' }, 'y'),
      entry('magic', {}, 'x'),
      entry('totp', { period: 30, digits: 10 }, 'ten'),
      entry('totp', { period: 30 }, 'ok'),
    ]);
    const result = await readImport(asInput(text));
    expect(result.accounts.map((a) => a.account)).toEqual(['ok']);
    expect(result.skipped.map((s) => s.label)).toEqual([
      'Issuer: m',
      'Issuer: y',
      'Issuer: x',
      'Issuer: ten',
    ]);
    expect(result.skipped[0]!.reason).toMatch(/mOTP/);
    expect(result.skipped[1]!.reason).toMatch(/Yandex/);
  });

  it('refuses a newer vault version, a broken file and a vault with only a fingerprint slot', async () => {
    await expect(readImport(asInput(plainVault([], 2)))).rejects.toMatchObject({
      code: 'unsupported-format',
    });
    await expect(readImport(asInput(PLAIN.slice(0, -40)))).rejects.toMatchObject({
      code: 'damaged-file',
    });
    const file = JSON.parse(ENCRYPTED) as { header: { slots: { type: number }[] } };
    file.header.slots[0]!.type = 2;
    await expect(
      readImport(asInput(JSON.stringify(file)), { password: AEGIS_PASSWORD }),
    ).rejects.toMatchObject({ code: 'unsupported-format' });
  });

  it('refuses at once a slot that demands a huge scrypt cost', async () => {
    const file = JSON.parse(ENCRYPTED) as { header: { slots: { n: number }[] } };
    file.header.slots[0]!.n = 2 ** 30;
    await expect(
      readImport(asInput(JSON.stringify(file)), { password: AEGIS_PASSWORD }),
    ).rejects.toMatchObject({ code: 'damaged-file' });
  });

  it('reports malformed slot fields as a damaged file', async () => {
    for (const [field, value] of [
      ['salt', '0'],
      ['salt', 'zz'],
      ['key', 'abc'],
      ['key_params', null],
      ['r', '8'],
    ] as const) {
      const file = JSON.parse(ENCRYPTED) as { header: { slots: Record<string, unknown>[] } };
      file.header.slots[0]![field] = value;
      await expect(
        readImport(asInput(JSON.stringify(file)), { password: AEGIS_PASSWORD }),
      ).rejects.toMatchObject({ code: 'damaged-file' });
    }
  });

  it('opens a slot Aegis has not repaired yet with the long-password encoding of old Aegis', async () => {
    const long = 'x'.repeat(70);
    // Java's UTF-8 encoder of old Aegis: 70 chars -> a 77-byte buffer, zero-padded.
    const oldBytes = new Uint8Array(77);
    oldBytes.set(utf8Encode(long));
    const content = utf8Encode(
      JSON.stringify({ version: 3, entries: [entry('totp', { period: 30 })] }),
    );
    const { header, db } = await sealAegisVault(content, oldBytes, { scrypt: TINY, uuid: 'u' });
    (header.slots as { repaired: boolean }[])[0]!.repaired = false;
    const text = JSON.stringify({ version: 1, header, db });
    const result = await readImport(asInput(text), { password: long });
    expect(result.accounts).toHaveLength(1);
    (header.slots as { repaired: boolean }[])[0]!.repaired = true;
    await expect(
      readImport(asInput(JSON.stringify({ version: 1, header, db })), { password: long }),
    ).rejects.toMatchObject({ code: 'wrong-password' });
  });
});

describe('Aegis export', () => {
  it('round-trips every account, codes included', async () => {
    const bytes = await writeTiny(ACCOUNTS, { format: 'aegis', password: PASSWORD });
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.accounts).toEqual(ACCOUNTS.map((a) => a.params));
    expect(await codesOf(result.accounts)).toEqual(await codesOf(ACCOUNTS.map((a) => a.params)));
  });

  it('writes the structure, field names and scrypt cost Aegis writes', async () => {
    const bytes = await writeExport(ACCOUNTS.slice(0, 1), { format: 'aegis', password: PASSWORD });
    const file = JSON.parse(utf8Decode(bytes)) as {
      header: { slots: Record<string, unknown>[]; params: object };
    };
    const aegis = JSON.parse(ENCRYPTED) as typeof file;
    expect(Object.keys(file)).toEqual(Object.keys(aegis));
    expect(Object.keys(file.header)).toEqual(Object.keys(aegis.header));
    expect(Object.keys(file.header.params)).toEqual(Object.keys(aegis.header.params));
    const [slot] = file.header.slots;
    expect(Object.keys(slot!)).toEqual(Object.keys(aegis.header.slots[0]!));
    expect(slot).toMatchObject({
      type: 1,
      n: AEGIS_SCRYPT.N,
      r: 8,
      p: 1,
      repaired: true,
      is_backup: false,
    });
    expect(slot!.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(utf8Decode(bytes)).not.toContain(ACCOUNTS[0]!.params.secret);
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.accounts).toEqual([ACCOUNTS[0]!.params]);
  }, 60_000);

  it('marks pinned accounts as favourites, and carries no site, date or other detail', () => {
    const content = formatAegisContent(
      [
        {
          params: ACCOUNTS[0]!.params,
          details: {
            origin: 'https://login.example.com',
            linked: true,
            state: 'verified',
            order: 0,
            createdAt: 1,
            updatedAt: 2,
            pinned: true,
            usedAt: 1_699_000_000_000,
            autoFill: true,
          },
        },
        { params: ACCOUNTS[0]!.params },
      ],
      () => 'uuid',
    ) as { entries: { favorite: boolean }[] };
    expect(content.entries.map((entry) => entry.favorite)).toEqual([true, false]);
    expect(JSON.stringify(content)).not.toMatch(/login\.example|1699000000000|autoFill|linked/);
  });

  it('asks for a password', async () => {
    await expect(writeTiny(ACCOUNTS, { format: 'aegis' })).rejects.toMatchObject({
      code: 'password-required',
    });
  });
});

describe('Aegis parser under fuzzing', () => {
  /** Replaces the value at a random path of a JSON value with an arbitrary one. */
  const mutate = (value: unknown, path: number[], replacement: unknown): unknown => {
    if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[path[0]! % keys.length]!;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
    copy[key] = mutate(copy[key], path.slice(1), replacement);
    return copy;
  };

  it.each([
    ['plain', () => Promise.resolve(PLAIN)],
    [
      'encrypted (tiny scrypt)',
      async () =>
        utf8Decode(await writeTiny(ACCOUNTS.slice(0, 2), { format: 'aegis', password: PASSWORD })),
    ],
  ])(
    'survives 100,000 mutated %s vaults with nothing but a TransferError',
    async (_, make) => {
      const base = JSON.parse(await make()) as unknown;
      const secrets = [PASSWORD, ...VECTORS.map((a) => a.secret)];
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat(), { maxLength: 6 }),
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 2 ** 30, -1, '', 'zz')),
          fc.boolean(),
          async (path, replacement, asText) => {
            const mutated = JSON.stringify(mutate(base, path, replacement));
            const text = asText ? mutated.slice(0, path.length * 97) || mutated : mutated;
            await expectOnlyTransferErrors(
              () => aegisReader.read(text, { password: PASSWORD }),
              secrets,
            );
          },
        ),
        { numRuns: 100_000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
