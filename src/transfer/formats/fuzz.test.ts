import fc from 'fast-check';
import { TransferError } from '../errors';
import type { ImportOptions, ImportReader } from '../types';
import { bitwardenCsvReader, bitwardenJsonReader } from './bitwarden';
import { bitwardenCsv, bitwardenJson } from './bitwarden.fixture';
import { HAND_ENCODED_LINK, migrationLink } from './google-migration.fixture';
import { googleMigrationReader, otpauthListReader } from './link-readers';
import { SERVICES_V4, SERVICE_V1, encryptedBackup, plainBackup } from './two-fas.fixture';
import { twoFasReader } from './two-fas';

// Fuzzing of every parser here: mutations of real-shaped fixtures and arbitrary text. Each
// case must end in accounts or a TransferError, and no error may quote a secret or the
// password. Cheap per case (no KDF runs but in the few password cases), so 100,000 runs
// each take seconds; the timeouts leave room for a machine at load 10.

const RUNS = 100_000;
const TIMEOUT_MS = 240_000;
const PASSWORD = 'fuzz-password-Ω';
const SECRETS = [
  'JBSWY3DPEHPK3PXP',
  '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
  '4SJHB4GSD43FZBAI7C2HLRJGPQ',
  '7ELGJSGXNCCTV3O6LKJWYFV2RA',
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
];

/** One edit of a text: overwrite, insert or delete at a position, or cut the rest off. */
const edit = fc.tuple(
  fc.constantFrom('overwrite', 'insert', 'delete', 'truncate'),
  fc.nat(),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

function mutate(text: string, edits: [string, number, string][]): string {
  let out = text;
  for (const [kind, position, piece] of edits) {
    const at = out.length === 0 ? 0 : position % out.length;
    if (kind === 'overwrite') out = out.slice(0, at) + piece + out.slice(at + piece.length);
    if (kind === 'insert') out = out.slice(0, at) + piece + out.slice(at);
    if (kind === 'delete') out = out.slice(0, at) + out.slice(at + 1 + (position % 8));
    if (kind === 'truncate') out = out.slice(0, at);
  }
  return out;
}

/** Mutations of the fixtures, and arbitrary text that starts like the format. */
const inputs = (fixtures: string[], prefixes: string[]) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 3 }))
        .map(([text, edits]) => mutate(text, edits)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...prefixes), fc.string({ unit: 'binary', maxLength: 60 }))
        .map(([a, b]) => a + b),
    },
  );

const LEAK = new RegExp([...SECRETS, PASSWORD].join('|'), 'i');

/**
 * The property, in plain checks: `expect` costs more than a whole parse, and this runs
 * 100,000 times per parser.
 */
async function expectSafe(reader: ImportReader, text: string, options: ImportOptions = {}) {
  if (typeof reader.recognise(text) !== 'boolean') throw new Error('recognise gave no boolean');
  let result;
  try {
    result = await reader.read(text, options);
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    if (LEAK.test(`${error.message} ${String(error.cause ?? '')}`)) {
      throw new Error('an error quotes a secret or the password');
    }
    return;
  }
  if (result.skipped.some(({ reason }) => LEAK.test(reason))) {
    throw new Error('a skipped reason quotes a secret');
  }
}

const fuzz = (reader: ImportReader, text: fc.Arbitrary<string>, options?: ImportOptions) =>
  fc.assert(
    fc.asyncProperty(text, (t) => expectSafe(reader, t, options)),
    { numRuns: RUNS },
  );

const S = SECRETS[4]!;
const LIST = [
  `otpauth://totp/GitHub:alice?secret=${S}&issuer=GitHub`,
  `otpauth://hotp/Bank:bob?secret=${S}&counter=7&digits=8`,
  `otpauth://steam/Steam:gaben?secret=${SECRETS[1]}`,
  HAND_ENCODED_LINK,
].join('\r\n');
const GOOGLE = [
  migrationLink({
    entries: [
      {
        secret: new Uint8Array(20).fill(1),
        name: 'a',
        issuer: 'X',
        algorithm: 2,
        digits: 2,
        type: 1,
        counter: 5n,
      },
      { secret: new Uint8Array(16).fill(2), name: 'Y:b', algorithm: 4, type: 2 },
    ],
    batchSize: 2,
    batchIndex: 1,
    batchId: 3,
  }),
  HAND_ENCODED_LINK,
].join('\n');
const LOGINS = [
  { name: 'GitHub', username: 'alice', totp: `otpauth://totp/GitHub:alice?secret=${S}` },
  { name: 'Mail, "x"', username: 'bob', totp: SECRETS[0]!, notes: 'a\nb' },
  { name: 'Steam', username: 'gaben', totp: `steam://${SECRETS[1]}` },
];

describe('fuzzing the import parsers (100,000 cases each)', () => {
  it(
    'otpauth list',
    () =>
      fuzz(
        otpauthListReader,
        inputs([LIST, GOOGLE], ['otpauth://', 'otpauth-migration://offline?data=']),
      ),
    TIMEOUT_MS,
  );

  it(
    'Google Authenticator export',
    () =>
      fuzz(
        googleMigrationReader,
        inputs(
          [GOOGLE],
          ['otpauth-migration://offline?data=', 'otpauth-migration://offline?data=Cj'],
        ),
      ),
    TIMEOUT_MS,
  );

  it(
    'Bitwarden JSON',
    () =>
      fuzz(
        bitwardenJsonReader,
        inputs([bitwardenJson(LOGINS)], ['{"encrypted":false,"items":', '{"items":[{"login":']),
      ),
    TIMEOUT_MS,
  );

  it(
    'Bitwarden CSV',
    () =>
      fuzz(
        bitwardenCsvReader,
        inputs([bitwardenCsv(LOGINS)], ['name,login_username,login_totp\r\n', 'login_totp\n"']),
      ),
    TIMEOUT_MS,
  );

  it(
    '2FAS, plain and encrypted without the password',
    () => {
      const encrypted = encryptedBackup(4, SERVICES_V4.slice(0, 1), PASSWORD);
      return fuzz(
        twoFasReader,
        inputs(
          [plainBackup(4, SERVICES_V4), plainBackup(1, [SERVICE_V1]), encrypted],
          ['{"schemaVersion":4,"services":', '{"schemaVersion":1,"servicesEncrypted":"'],
        ),
      );
    },
    TIMEOUT_MS,
  );

  it(
    '2FAS encrypted, with the password (each case runs the KDF, so fewer)',
    async () => {
      const encrypted = encryptedBackup(4, SERVICES_V4.slice(0, 1), PASSWORD);
      await fc.assert(
        fc.asyncProperty(inputs([encrypted], ['{"schemaVersion":4,"servicesEncrypted":"']), (t) =>
          expectSafe(twoFasReader, t, { password: PASSWORD }),
        ),
        { numRuns: 300 },
      );
    },
    TIMEOUT_MS,
  );
});
