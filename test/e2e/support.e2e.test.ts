import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plantCanaryFile, randomCanary } from './support/canary';
import { scanForSecrets, secretNeedles, stringNeedles } from './support/scan';
import { makeTempDir } from './support/temp';
import { acceptableCodes, base32Decode, base32Encode, hotp, totp } from '../support/totp-oracle';

// The oracles the browser scenarios lean on, checked against published vectors, so that a
// passing scenario means the extension agrees with RFC 6238 and not merely with itself.

const RFC6238_KEYS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;

// RFC 6238 Appendix B.
const RFC6238_VECTORS: [number, string, keyof typeof RFC6238_KEYS][] = [
  [59, '94287082', 'SHA1'],
  [59, '46119246', 'SHA256'],
  [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'],
  [1111111109, '68084774', 'SHA256'],
  [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'],
  [1234567890, '89005924', 'SHA1'],
  [1234567890, '91819424', 'SHA256'],
  [2000000000, '69279037', 'SHA1'],
  [20000000000, '65353130', 'SHA1'],
  [20000000000, '77737706', 'SHA256'],
  [20000000000, '47863826', 'SHA512'],
];

describe('TOTP oracle', () => {
  it('matches RFC 4226 Appendix D', () => {
    const key = Buffer.from('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expect(expected.map((_, counter) => hotp(key, counter))).toEqual(expected);
  });

  it.each(RFC6238_VECTORS)('matches RFC 6238 at T=%i (%s)', (seconds, code, algorithm) => {
    const secret = base32Encode(Buffer.from(RFC6238_KEYS[algorithm]));
    expect(totp({ secret, digits: 8, algorithm }, seconds * 1000)).toBe(code);
  });

  it('round-trips base32 and reads the common spellings', () => {
    expect(base32Encode(Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1'))).toBe('JBSWY3DPEHPK3PXP');
    expect(base32Decode('jbsw y3dp-ehpk 3pxp====').toString('latin1')).toBe(
      'Hello!\xde\xad\xbe\xef',
    );
  });

  it('accepts the previous step only right after a boundary', () => {
    const params = { secret: 'JBSWY3DPEHPK3PXP' };
    const boundary = 1_700_000_010_000; // a multiple of 30 s
    const mid = boundary + 10_000;
    expect(acceptableCodes(params, mid, mid + 200).size).toBe(1);
    const justAfter = boundary + 500;
    expect(acceptableCodes(params, justAfter, justAfter + 200).size).toBe(2);
  });
});

describe('profile scanner', () => {
  it('finds planted needles in nested files in every encoding, and nothing else', async () => {
    const dir = makeTempDir('scan-selftest');
    try {
      const canary = randomCanary('scan');
      const file = plantCanaryFile(dir, canary);
      const report = await scanForSecrets(dir, [
        ...stringNeedles('canary', canary),
        ...stringNeedles('absent', randomCanary('absent')),
      ]);
      expect(report.filesScanned).toBe(1);
      expect(report.unreadable).toEqual([]);
      const labels = report.hits.map((hit) => hit.needle).sort();
      expect(labels).toEqual(['canary (utf-16le)', 'canary (utf-8)']);
      expect(new Set(report.hits.map((hit) => hit.file))).toEqual(
        new Set([file.slice(dir.length + 1)]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds needles that exist only inside a Snappy stream in browser storage', async () => {
    const dir = makeTempDir('scan-snappy');
    try {
      // "xyzw" once as a literal, then copied three times: 16 bytes out of 9.
      const stream = Buffer.from([0x10, 0x0c, ...Buffer.from('xyzw'), 0x2e, 0x04, 0x00]);
      const needle = { label: 'repeated', bytes: Buffer.from('xyzwxyzwxyzwxyzw') };
      mkdirSync(join(dir, 'storage', 'default'), { recursive: true });
      const content = Buffer.concat([randomBytes(1000), stream, randomBytes(1000)]);
      writeFileSync(join(dir, 'storage', 'default', 'data.sqlite'), content);
      writeFileSync(join(dir, 'elsewhere.bin'), content);
      const report = await scanForSecrets(dir, [needle]);
      expect(report.hits.map((hit) => [hit.file, hit.snappyAt])).toEqual([
        ['storage/default/data.sqlite', 1000],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a Snappy stream that bytes before it decode over', async () => {
    const dir = makeTempDir('scan-snappy-overrun');
    try {
      const stream = Buffer.from([0x10, 0x0c, ...Buffer.from('xyzw'), 0x2e, 0x04, 0x00]);
      const needle = { label: 'repeated', bytes: Buffer.from('xyzwxyzwxyzwxyzw') };
      // A 12-byte "stream" whose one literal swallows the real stream's first 9 bytes.
      const overrun = Buffer.from([0x0c, 0x2c]);
      mkdirSync(join(dir, 'storage'), { recursive: true });
      writeFileSync(
        join(dir, 'storage', 'data.sqlite'),
        Buffer.concat([overrun, stream, Buffer.from('tail')]),
      );
      const report = await scanForSecrets(dir, [needle]);
      expect(report.hits.map((hit) => [hit.file, hit.snappyAt])).toEqual([
        ['storage/data.sqlite', overrun.length],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds secret needles for base32 (both cases), raw bytes, hex and base64', () => {
    const raw = Buffer.from('12345678901234567890');
    const labels = secretNeedles('s', base32Encode(raw), raw).map((needle) => needle.label);
    expect(labels).toContain('s raw bytes');
    expect(labels).toContain('s base32 (utf-8)');
    expect(labels).toContain('s base32 lower-case (utf-16le)');
    expect(labels).toContain('s hex (utf-8)');
  });
});
