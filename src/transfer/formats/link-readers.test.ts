import { generateCode } from '../../otp/generate';
import { createOtpParams } from '../../otp/params';
import { readImport } from '../read-import';
import { writeExport } from '../write-export';
import { migrationLink } from './google-migration.fixture';

const S1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const S2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEAM = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';

const read = (text: string, name = 'pasted.txt') =>
  readImport({ name, bytes: new TextEncoder().encode(text) });

describe('otpauth list', () => {
  it('reads a mix of totp, hotp and steam with blank lines, spaces and Windows line ends', async () => {
    const text = [
      `otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub`,
      '',
      `   otpauth://hotp/Bank:bob?secret=${S2}&counter=7&digits=8   `,
      '\t',
      `otpauth://steam/Steam:gaben?secret=${STEAM}&issuer=Steam`,
      `OTPAUTH://TOTP/Valve:gabe?secret=${STEAM}&encoder=steam`,
      '',
    ].join('\r\n');
    const { format, accounts, skipped } = await read(text, 'accounts.txt');
    expect(format).toBe('otpauth');
    expect(skipped).toEqual([]);
    expect(accounts.map((a) => [a.issuer, a.account, a.type, a.digits])).toEqual([
      ['GitHub', 'alice', 'totp', 6],
      ['Bank', 'bob', 'hotp', 8],
      ['Steam', 'gaben', 'steam', 5],
      ['Valve', 'gabe', 'steam', 5],
    ]);
    expect(accounts[1]!.counter).toBe(7);
  });

  it('expands Google export links pasted among the lines', async () => {
    const google = migrationLink({
      entries: [{ secret: new Uint8Array(20).fill(7), name: 'carol', issuer: 'Mail', type: 2 }],
      batchSize: 2,
      batchIndex: 0,
      batchId: 1,
    });
    const second = migrationLink({
      entries: [
        { secret: new Uint8Array(20).fill(9), name: 'dave', issuer: 'Mail', type: 1, counter: 3n },
      ],
      batchSize: 2,
      batchIndex: 1,
      batchId: 1,
    });
    const text = `otpauth://totp/a?secret=${S1}\n${google}\n\n${second}\n`;
    const { format, accounts, skipped } = await read(text);
    expect(format).toBe('otpauth');
    expect(skipped).toEqual([]);
    expect(accounts.map((a) => a.account)).toEqual(['a', 'carol', 'dave']);
  });

  it('skips lines it cannot take, by line number, with the reason and never the secret', async () => {
    const text = [
      `otpauth://totp/ok?secret=${S1}`,
      'just a note',
      `otpauth://totp/short?secret=${S1.slice(0, 8)}`,
      `otpauth://motp/x?secret=${S1}`,
      `otpauth://totp/?secret=${S2}`,
      'otpauth-migration://offline?data=!!',
    ].join('\n');
    const { accounts, skipped } = await read(text);
    expect(accounts).toHaveLength(1);
    expect(skipped.map((s) => s.label)).toEqual(['Line 2', 'Line 3', 'Line 4', 'Line 5', 'Line 6']);
    expect(skipped[0]!.reason).toBe('This line is not an otpauth:// link.');
    const shown = JSON.stringify(skipped);
    expect(shown).not.toContain(S1.slice(0, 8));
    expect(shown).not.toContain(S2);
  });

  it('is not taken for JSON or for text without any link', async () => {
    await expect(read(`["otpauth://totp/a?secret=${S1}"]`)).rejects.toMatchObject({
      code: 'unsupported-format',
    });
    await expect(read('hello\nworld')).rejects.toMatchObject({ code: 'unsupported-format' });
  });
});

describe('otpauth export', () => {
  it('writes one link per line that reads back to the same accounts and codes', async () => {
    const params = [
      createOtpParams({ issuer: 'GitHub', account: 'alice', secret: S1 }),
      createOtpParams({
        issuer: 'A:B',
        account: 'x:y',
        secret: S2,
        algorithm: 'SHA512',
        digits: 8,
        period: 60,
      }),
      createOtpParams({ type: 'hotp', account: 'ünï', secret: S1, counter: 12 }),
      createOtpParams({ type: 'steam', issuer: 'Steam', account: 'gaben', secret: STEAM }),
    ];
    const bytes = await writeExport(
      params.map((p) => ({ params: p })),
      { format: 'otpauth' },
    );
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\n')).toHaveLength(5); // four links, each ending its line
    const back = await readImport({ name: 'keyfob.txt', bytes });
    expect(back).toEqual({ format: 'otpauth', accounts: params, skipped: [] });
    const at = 1_700_000_000_000;
    for (const [i, p] of params.entries()) {
      expect(await generateCode(back.accounts[i]!, at)).toBe(await generateCode(p, at));
    }
  });

  it('writes an empty file for no accounts', async () => {
    expect(await writeExport([], { format: 'otpauth' })).toHaveLength(0);
  });
});
