import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { CodeReading, PopupPage } from './popup-page';
import { acceptableCodes, hotp, randomSecret } from '../../support/totp-oracle';
import { sleep } from './wait';

/** A test account: what the user enters, plus the raw key for the disk scan. */
export interface TestAccount {
  issuer: string;
  account: string;
  /** Base32, as typed or carried in the URI. */
  secret: string;
  raw: Buffer;
  /** Short name for reports. */
  tag: string;
  /** The random tokens inside issuer and account name: needles nothing can share bytes with. */
  tokens: string[];
  /** TOTP unless said otherwise; a Steam Guard account is time-based too. */
  type?: 'totp' | 'hotp' | 'steam';
  /** An HOTP account's counter: the popup shows the code for it. */
  counter?: number;
}

/** A random mixed-case alphanumeric token (62^4 four-grams: no accidental Snappy matches). */
export function randomToken(length = 16): string {
  let token = '';
  while (token.length < length)
    token += randomBytes(length).toString('base64url').replace(/[-_]/g, '');
  return token.slice(0, length);
}

/** Two fresh accounts with random names and secrets: one to add by URI, one by hand. */
export function makeTestAccounts(): { byUri: TestAccount; manual: TestAccount } {
  const make = (kind: string): TestAccount => {
    // Issuer and account get separate tokens: a shared one would be stored once and copied.
    const issuerToken = randomToken();
    const accountToken = randomToken();
    const { raw, base32 } = randomSecret(20);
    return {
      issuer: `E2E ${issuerToken}`,
      account: `e2e-user-${accountToken}@example.com`,
      secret: base32,
      raw,
      tag: `${kind}:${accountToken}`,
      tokens: [issuerToken, accountToken],
    };
  };
  return { byUri: make('uri'), manual: make('man') };
}

/**
 * One fresh account per prefix, its issuer starting with the prefix (`Alpha E2E …`): names a
 * test can sort by and tell apart at a glance.
 */
export function makeNamedAccounts(prefixes: readonly string[]): TestAccount[] {
  return prefixes.map((prefix) => {
    const account = makeTestAccounts().byUri;
    return { ...account, issuer: `${prefix} ${account.issuer}` };
  });
}

/** The otpauth:// URI an authenticator QR code would carry for `account`. */
export function otpauthUri(account: TestAccount): string {
  const label = `${encodeURIComponent(account.issuer)}:${encodeURIComponent(account.account)}`;
  const query = new URLSearchParams({ secret: account.secret, issuer: account.issuer });
  if (account.type === 'hotp') {
    query.set('counter', String(account.counter ?? 0));
  } else if (account.type === 'steam') {
    // As Steam Guard exporters write it: a TOTP link that names Steam's encoder.
    query.set('encoder', 'steam');
  } else {
    query.set('algorithm', 'SHA1');
    query.set('digits', '6');
    query.set('period', '30');
  }
  const type = account.type === 'hotp' ? 'hotp' : 'totp';
  return `otpauth://${type}/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

/** The codes a row of `account` may show for a read between `beforeMs` and `afterMs`. */
function expectedCodes(account: TestAccount, beforeMs: number, afterMs: number): Set<string> {
  if (account.type === 'hotp') return new Set([hotp(account.raw, account.counter ?? 0)]);
  return acceptableCodes(
    { secret: account.secret, steam: account.type === 'steam' },
    beforeMs,
    afterMs,
  );
}

/**
 * Reads the popup and checks that each account's row shows its issuer, its name and the
 * code the independent oracle computes for the moment of the read. A mismatch near a period
 * boundary is read again once.
 */
export async function expectCodesMatch(
  popup: PopupPage,
  accounts: TestAccount[],
): Promise<CodeReading> {
  for (let attempt = 0; ; attempt += 1) {
    const reading = await popup.readCodes(accounts.length);
    const problems: string[] = [];
    for (const account of accounts) {
      const row = reading.rows.find((r) => r.text.includes(account.account));
      if (!row) {
        problems.push(`no row shows ${account.account} (rows: ${JSON.stringify(reading.rows)})`);
        continue;
      }
      if (!row.text.includes(account.issuer)) {
        problems.push(`row of ${account.account} does not show issuer ${account.issuer}`);
      }
      const expected = expectedCodes(account, reading.beforeMs, reading.afterMs);
      if (!row.code || !expected.has(row.code)) {
        problems.push(
          `${account.account}: popup shows ${row.code}, the oracle gives ${[...expected].join(
            ' or ',
          )} for ${new Date(reading.beforeMs).toISOString()}`,
        );
      }
    }
    if (problems.length === 0) return reading;
    if (attempt >= 1) expect.fail(problems.join('\n'));
    await sleep(1_500);
  }
}
