import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';

// 2FAS backups built as the app writes them (2fas-android: BackupContent, BackupService,
// BackupCipherImpl, BackupKeyGeneratorPbkdf, CipherAes, DataEncrypted): the field names and
// order of each schema version, and for encrypted backups PBKDF2WithHmacSHA256 (10,000
// iterations, 256-bit key) over a 256-byte random salt, AES/GCM/NoPadding with the
// provider's 12-byte IV and 128-bit tag appended, each sealed value written as
// `base64(data):base64(salt):base64(iv)`, and `reference` sealing the app's fixed text.

/** 2FAS's `BackupContent.Reference`. */
export const TWO_FAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

/** The services of a schema 4 backup: TOTP, HOTP with its counter, and Steam. */
export const SERVICES_V4 = [
  {
    name: 'Deno',
    secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ',
    updatedAt: 1702934567518,
    otp: {
      link: 'otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30',
      label: 'Mason',
      account: 'Mason',
      issuer: 'Deno',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'TOTP',
      source: 'Link',
    },
    order: { position: 0 },
    icon: { selected: 'Label', label: { text: 'DE', backgroundColor: 'Yellow' } },
  },
  {
    name: 'Air Canada',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    updatedAt: 1702934590910,
    otp: {
      label: 'Benjamin',
      account: 'Benjamin',
      issuer: 'Air Canada',
      digits: 7,
      algorithm: 'SHA256',
      counter: 50,
      tokenType: 'HOTP',
      source: 'Link',
    },
    order: { position: 1 },
  },
  {
    name: 'Steam',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    updatedAt: 1702934600248,
    otp: {
      label: 'gaben',
      account: 'gaben',
      issuer: 'Steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'STEAM',
      source: 'Manual',
    },
    order: { position: 2 },
  },
];

/** A schema 1 service (2FAS 3.x): only account, issuer and label, defaults for the rest. */
export const SERVICE_V1 = {
  name: 'Airbnb',
  order: { position: 0 },
  otp: { account: 'Elijah', issuer: 'Airbnb', label: 'Airbnb:Elijah' },
  secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA',
  type: 'Unknown',
  updatedAt: 1618417225267,
};

/** A schema 2 service: digits, period and algorithm, still no token type. */
export const SERVICE_V2 = {
  name: 'WWE',
  secret: '5VAML3X35THCEBVRLV24CGBKOY',
  updatedAt: 1644513801596,
  type: 'Unknown',
  otp: {
    label: 'WWE:Mason',
    account: 'Mason',
    issuer: 'WWE',
    digits: 8,
    period: 50,
    algorithm: 'SHA512',
  },
  order: { position: 0 },
};

/** A plain backup of the given schema version. */
export function plainBackup(schemaVersion: number, services: readonly unknown[]): string {
  return JSON.stringify({
    services,
    groups: [],
    updatedAt: 1702934732299,
    schemaVersion,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
  });
}

function seal(plaintext: string, key: Buffer, salt: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [data, salt, iv].map((part) => part.toString('base64')).join(':');
}

/**
 * An encrypted backup: `services` empty, `servicesEncrypted` and (schema 3 and later)
 * `reference` sealed under one key from one salt, as BackupCipherImpl does.
 */
export function encryptedBackup(
  schemaVersion: number,
  services: readonly unknown[],
  password: string,
): string {
  const salt = randomBytes(256);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 10_000, 32, 'sha256');
  return JSON.stringify({
    services: [],
    groups: [],
    updatedAt: 1702934782660,
    schemaVersion,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
    servicesEncrypted: seal(JSON.stringify(services), key, salt),
    ...(schemaVersion >= 3 ? { reference: seal(TWO_FAS_REFERENCE, key, salt) } : {}),
  });
}
