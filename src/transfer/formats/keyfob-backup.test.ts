import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { generateCode, type OtpParams } from '../../otp';
import { toHex, utf8Decode, utf8Encode } from '../../shared';
import { readImport } from '../read-import';
import { writeExport } from '../write-export';
import { expectOnlyTransferErrors, FUZZ_TIMEOUT_MS } from '../fuzz.fixture';
import type { ExportAccount } from '../types';
import { createKeyfobBackupWriter, KEYFOB_SCRYPT, keyfobBackupReader } from './keyfob-backup';
import { KEYFOB_V1_BACKUP } from './keyfob-backup-v1.fixture';

const PASSWORD = 'correct horse battery staple';
const TINY = { N: 16, r: 1, p: 1 };
const writeTiny = createKeyfobBackupWriter({ scrypt: TINY, now: () => 1_700_000_000_000 });

const ACCOUNTS: ExportAccount[] = [
  {
    params: {
      type: 'totp',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      account: 'alice@example.com',
      issuer: 'Example',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    },
    details: {
      origin: 'https://login.example.com',
      linked: true,
      state: 'verified',
      order: 0,
      createdAt: 1_690_000_000_000,
      updatedAt: 1_695_000_000_000,
      pinned: true,
      usedAt: 1_699_000_000_000,
      autoFill: true,
    },
  },
  {
    params: {
      type: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      account: 'bob',
      algorithm: 'SHA512',
      digits: 8,
      period: 30,
      counter: 42,
    },
    details: { state: 'pending', order: 1, createdAt: 1, updatedAt: 2, usedAt: 0 },
  },
  {
    params: {
      type: 'totp',
      secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
      account: '',
      issuer: 'Café 東京',
      algorithm: 'SHA256',
      digits: 7,
      period: 60,
    },
    details: { state: 'replaced', order: 2, createdAt: 5, updatedAt: 6 },
  },
];

const asInput = (bytes: Uint8Array) => ({ name: 'keyfob-backup.json', bytes });
const codesOf = (accounts: readonly OtpParams[]) =>
  Promise.all(accounts.map((params) => generateCode(params, 1_700_000_000_000)));

/** A file whose checksum was recomputed after an edit, as a deliberate forger would. */
function reChecksummed(text: string): string {
  const signed = text.slice(0, text.indexOf(',"sha256":"'));
  return `${signed},"sha256":"${toHex(sha256(utf8Encode(signed)))}"}\n`;
}

describe('Keyfob backup', () => {
  let file: string;
  beforeAll(async () => {
    file = utf8Decode(await writeTiny(ACCOUNTS, { format: 'keyfob', password: PASSWORD }));
  });

  it('restores every account with its details and the same codes', async () => {
    const result = await readImport(asInput(utf8Encode(file)), { password: PASSWORD });
    expect(result.format).toBe('keyfob');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(ACCOUNTS.map((a) => a.params));
    expect(result.details).toEqual(ACCOUNTS.map((a) => a.details));
    expect(await codesOf(result.accounts)).toEqual(await codesOf(ACCOUNTS.map((a) => a.params)));
  });

  it('writes the default format with scrypt N=2^17, r=8, p=1 and restores it', async () => {
    const bytes = await writeExport(ACCOUNTS.slice(0, 1), { format: 'keyfob', password: PASSWORD });
    const header = (JSON.parse(utf8Decode(bytes)) as { header: { kdf: object } }).header;
    expect(header.kdf).toMatchObject({ name: 'scrypt', ...KEYFOB_SCRYPT });
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.accounts).toEqual([ACCOUNTS[0]!.params]);
  }, 120_000);

  it('keeps only format, version, KDF and cipher parameters in the clear', () => {
    const parsed = JSON.parse(file) as { header: Record<string, unknown> };
    expect(Object.keys(parsed)).toEqual(['header', 'data', 'sha256']);
    expect(Object.keys(parsed.header)).toEqual(['format', 'version', 'kdf', 'cipher']);
    expect(parsed.header).toMatchObject({ format: 'keyfob-backup', version: 2 });
    for (const clue of ['alice', 'Example', 'JBSWY3DP', 'login.example', 'hotp', 'SHA512']) {
      expect(file).not.toContain(clue);
    }
  });

  it('gives fresh salt and nonce to every backup', async () => {
    const again = utf8Decode(await writeTiny(ACCOUNTS, { format: 'keyfob', password: PASSWORD }));
    const header = (text: string) => (JSON.parse(text) as { header: unknown }).header;
    expect(header(again)).not.toEqual(header(file));
  });

  it('asks for the password when none is given, and refuses a wrong one', async () => {
    const bytes = utf8Encode(file);
    for (const password of [undefined, '']) {
      await expect(readImport(asInput(bytes), { password })).rejects.toMatchObject({
        code: 'password-required',
      });
    }
    await expect(readImport(asInput(bytes), { password: `${PASSWORD}!` })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    await expect(writeTiny(ACCOUNTS, { format: 'keyfob' })).rejects.toMatchObject({
      code: 'password-required',
    });
  });

  it('opens with the same password typed in decomposed form', async () => {
    const text = utf8Decode(await writeTiny(ACCOUNTS, { format: 'keyfob', password: 'caf\u00e9' }));
    const result = await readImport(asInput(utf8Encode(text)), { password: 'cafe\u0301' });
    expect(result.accounts).toHaveLength(3);
  });

  it('reports any changed byte as a damaged file and imports nothing', async () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    for (let index = 0; index < file.length; index++) {
      const replacement = printable[(file.charCodeAt(index) + 1 + (index % 90)) % 95]!;
      if (replacement === file[index]) continue;
      const changed = file.slice(0, index) + replacement + file.slice(index + 1);
      await expect(
        readImport(asInput(utf8Encode(changed)), { password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'damaged-file' });
    }
  }, 60_000);

  it('reports a byte changed into invalid UTF-8 as a damaged file', async () => {
    const bytes = utf8Encode(file);
    for (const index of [0, 40, Math.floor(bytes.length / 2), bytes.length - 2]) {
      const changed = new Uint8Array(bytes);
      changed[index] = 0xff;
      await expect(readImport(asInput(changed), { password: PASSWORD })).rejects.toMatchObject({
        code: 'damaged-file',
      });
    }
    await expect(readImport(asInput(new Uint8Array([0xff, 0xfe, 0x00])))).rejects.toMatchObject({
      code: 'unsupported-format',
    });
  });

  it('imports nothing from a forgery whose checksum was recomputed', async () => {
    const parsed = JSON.parse(file) as { header: { cipher: { iv: string } }; data: string };
    const forgedIv = file.replace(parsed.header.cipher.iv, 'AAAAAAAAAAAAAAAA');
    const data = parsed.data;
    const forgedData = file.replace(
      data,
      `${data.slice(0, 8)}${data[8] === 'A' ? 'B' : 'A'}${data.slice(9)}`,
    );
    for (const forged of [forgedIv, forgedData]) {
      await expect(
        readImport(asInput(utf8Encode(reChecksummed(forged))), { password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'wrong-password' });
    }
  });

  it('refuses a file that demands a huge KDF cost at once, before any derivation', async () => {
    for (const [name, value] of [
      ['N', 2 ** 30],
      ['N', 2 ** 19],
      ['r', 1024],
      ['p', 64],
      ['N', 100],
    ] as const) {
      const hostile = reChecksummed(
        file.replace(`"${name}":${TINY[name]},`, `"${name}":${value},`),
      );
      expect(hostile).not.toBe(file);
      await expect(
        readImport(asInput(utf8Encode(hostile)), { password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'damaged-file' });
    }
  });

  it('asks for a newer Keyfob for a newer backup version', async () => {
    const newer = reChecksummed(file.replace('"version":2', '"version":3'));
    expect(newer).not.toBe(file);
    await expect(
      readImport(asInput(utf8Encode(newer)), { password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'unsupported-format' });
  });

  it('still restores a version 1 backup, its accounts unpinned, unlinked and never used', async () => {
    const { text, password } = KEYFOB_V1_BACKUP;
    const result = await readImport(asInput(utf8Encode(text)), { password });
    expect(result.accounts.map((a) => a.account)).toEqual(['alice@example.com', 'bob']);
    expect(result.details).toEqual([
      {
        origin: 'https://login.example.com',
        state: 'verified',
        order: 0,
        createdAt: 1_690_000_000_000,
        updatedAt: 1_695_000_000_000,
      },
      { state: 'pending', order: 1, createdAt: 1_690_000_000_001, updatedAt: 1_690_000_000_001 },
    ]);
  });

  it('keeps an account whose newer details are malformed, without them', async () => {
    const odd = {
      params: ACCOUNTS[1]!.params,
      details: {
        state: 'verified',
        order: 0,
        createdAt: 1,
        updatedAt: 1,
        // Linked and automatic fill without a site, a pin that is not true, a time that is not.
        linked: true,
        autoFill: true,
        pinned: 'yes',
        usedAt: -5,
      },
    };
    const bytes = await writeTiny([odd as unknown as ExportAccount], {
      format: 'keyfob',
      password: PASSWORD,
    });
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.details).toEqual([{ state: 'verified', order: 0, createdAt: 1, updatedAt: 1 }]);
  });

  it('skips accounts this Keyfob cannot take, with a reason, and keeps the rest', async () => {
    const odd = { ...ACCOUNTS[0]!, params: { ...ACCOUNTS[0]!.params, type: 'motp' } };
    const bytes = await writeTiny([odd as unknown as ExportAccount, ACCOUNTS[1]!], {
      format: 'keyfob',
      password: PASSWORD,
    });
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.accounts).toEqual([ACCOUNTS[1]!.params]);
    expect(result.details).toEqual([ACCOUNTS[1]!.details]);
    expect(result.skipped).toEqual([
      { label: 'Example: alice@example.com', reason: expect.any(String) },
    ]);
  });

  it('gives neutral details to accounts exported without any', async () => {
    const bytes = await writeTiny([{ params: ACCOUNTS[0]!.params }], {
      format: 'keyfob',
      password: PASSWORD,
    });
    const result = await readImport(asInput(bytes), { password: PASSWORD });
    expect(result.details).toEqual([
      { state: 'verified', order: 0, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 },
    ]);
  });

  it(
    'survives 100,000 mutated files with nothing but a TransferError',
    async () => {
      const pieces = file.split(/(?<=[,:{}[\]"])/);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 12 }), fc.nat({ max: 3 })), {
            maxLength: 4,
          }),
          fc.boolean(),
          async (edits, reSign) => {
            const parts = [...pieces];
            for (const [at, text, deleteCount] of edits) {
              parts.splice(at % (parts.length + 1), deleteCount, text);
            }
            const mutated = parts.join('');
            const text =
              reSign && mutated.includes(',"sha256":"') ? reChecksummed(mutated) : mutated;
            await expectOnlyTransferErrors(
              () => keyfobBackupReader.read(text, { password: PASSWORD }),
              [PASSWORD, ...ACCOUNTS.map((a) => a.params.secret)],
            );
          },
        ),
        { numRuns: 100_000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
