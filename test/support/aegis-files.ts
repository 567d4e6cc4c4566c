import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';

/**
 * Aegis vault files built the way Aegis writes them (docs/vault.md of beemdevelopment/Aegis:
 * file version 1, content version 3, password slots with scrypt → AES-256-GCM key wrap, the
 * content sealed with the master key), with Node's own crypto rather than the code under test,
 * so a reader that only agrees with Keyfob's writer fails.
 */

/** One entry of an Aegis vault's `entries`, as Aegis serialises it. */
export interface AegisEntry {
  type: 'totp' | 'hotp' | 'steam' | 'yandex' | 'motp';
  name: string;
  issuer: string;
  info: { secret: string; algo: string; digits: number; period?: number; counter?: number };
}

/** Aegis's scrypt cost for password slots. */
const SCRYPT = { N: 32768, r: 8, p: 1 };

function content(entries: readonly AegisEntry[]) {
  return {
    version: 3,
    entries: entries.map((entry) => ({
      type: entry.type,
      uuid: randomUUID(),
      name: entry.name,
      issuer: entry.issuer,
      note: '',
      favorite: false,
      icon: null,
      info: entry.info,
      groups: [],
    })),
    groups: [],
  };
}

/** Aegis pretty-prints with four spaces. */
const write = (value: unknown) => JSON.stringify(value, null, 4);

/** A plain (unencrypted) Aegis export holding `entries`. */
export function aegisPlainFile(entries: readonly AegisEntry[]): string {
  return write({ version: 1, header: { slots: null, params: null }, db: content(entries) });
}

function seal(key: Buffer, plaintext: Buffer) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    sealed,
    params: { nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') },
  };
}

/** An encrypted Aegis export holding `entries`, openable with `password`. */
export function aegisEncryptedFile(entries: readonly AegisEntry[], password: string): string {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const slotKey = scryptSync(Buffer.from(password, 'utf8'), salt, 32, {
    ...SCRYPT,
    maxmem: 256 * 1024 * 1024,
  });
  const wrapped = seal(slotKey, masterKey);
  const body = seal(masterKey, Buffer.from(JSON.stringify(content(entries)), 'utf8'));
  return write({
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: randomUUID(),
          key: wrapped.sealed.toString('hex'),
          key_params: wrapped.params,
          n: SCRYPT.N,
          r: SCRYPT.r,
          p: SCRYPT.p,
          salt: salt.toString('hex'),
          repaired: true,
          is_backup: false,
        },
      ],
      params: body.params,
    },
    db: body.sealed.toString('base64'),
  });
}
