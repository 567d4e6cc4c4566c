import { isRecord } from '../../shared';
import { createOtpParams } from '../../otp/params';
import { parseOtpauthUri } from '../../otp/uri-parse';
import { TransferError } from '../errors';
import type { ImportReader } from '../types';
import { createCollector, entryLabel, type Collector } from './collect';
import { parseCsv } from './csv';
import { parseJsonObject, textField } from './json-fields';

// Bitwarden keeps an authenticator key in each login's `totp` field (`login_totp` in CSV):
// an otpauth:// link, a bare base32 secret, or `steam://<secret>`. Bare secrets take the
// item's name as issuer and its username as account name, as Bitwarden shows them.

const STEAM_PREFIX = /^steam:\/\//i;

/** Reads one login's `totp` value into `into`; an empty one is a login without 2FA. */
function readTotp(
  value: unknown,
  name: unknown,
  username: unknown,
  fallback: string,
  into: Collector,
) {
  const totp = textField(value)?.trim();
  if (!totp) return;
  const issuer = textField(name);
  const account = textField(username);
  const label = entryLabel(issuer, account, fallback);
  if (/^otpauth:/i.test(totp)) {
    into.add(label, () => parseOtpauthUri(totp));
  } else if (STEAM_PREFIX.test(totp)) {
    const secret = totp.replace(STEAM_PREFIX, '');
    into.add(label, () => createOtpParams({ type: 'steam', secret, issuer, account }));
  } else {
    into.add(label, () => createOtpParams({ secret: totp, issuer, account }));
  }
}

/**
 * Bitwarden's JSON export (`items[].login.totp`). Encrypted exports, account-restricted or
 * password-protected, are refused with a plain explanation: their keys are Bitwarden's.
 */
export const bitwardenJsonReader: ImportReader = {
  id: 'bitwarden-json',
  recognise(text) {
    return (
      /^\s*\{/.test(text) &&
      /"encrypted"\s*:/.test(text) &&
      /"(items|passwordProtected)"\s*:/.test(text)
    );
  },
  async read(text) {
    const data = parseJsonObject(text, 'Bitwarden');
    if (data.encrypted === true) {
      throw new TransferError(
        'unsupported-format',
        'This Bitwarden export is encrypted, and Keyfob cannot open it. In Bitwarden, export the vault again as unencrypted .json or .csv, import that file, then delete it.',
      );
    }
    if (!Array.isArray(data.items)) {
      throw new TransferError('damaged-file', 'This Bitwarden file is damaged: it has no items.');
    }
    const into = createCollector();
    data.items.forEach((item: unknown, index) => {
      if (!isRecord(item) || !isRecord(item.login)) return;
      readTotp(item.login.totp, item.name, item.login.username, `Item ${index + 1}`, into);
    });
    return { format: 'bitwarden-json', accounts: into.accounts, skipped: into.skipped };
  },
};

/** Bitwarden's CSV export: personal (`folder,favorite,type,name,…`) or organisation. */
export const bitwardenCsvReader: ImportReader = {
  id: 'bitwarden-csv',
  recognise(text) {
    const header = text.slice(0, Math.max(0, text.search(/\r?\n/))) || text;
    return header.split(',').some((column) => column.trim() === 'login_totp');
  },
  async read(text) {
    const [header = [], ...rows] = parseCsv(text);
    const column = (name: string) => header.findIndex((c) => c.trim() === name);
    const [totp, name, username] = ['login_totp', 'name', 'login_username'].map(column);
    const into = createCollector();
    rows.forEach((row, index) => {
      readTotp(row[totp!], row[name!], row[username!], `Row ${index + 2}`, into);
    });
    return { format: 'bitwarden-csv', accounts: into.accounts, skipped: into.skipped };
  },
};
