import { isRecord } from '../../shared';
import { createOtpParams, isOtpError, type OtpParams } from '../../otp';
import type { ExportAccount, SkippedEntry } from '../types';
import { entryLabel } from '../label';

/** What Aegis's vault content yields: the accounts Keyfob can take and the rest, with reasons. */
export interface AegisEntries {
  accounts: OtpParams[];
  skipped: SkippedEntry[];
}

/** Aegis's entry types Keyfob has no algorithm for. */
const FOREIGN_TYPES: Record<string, string> = {
  motp: 'mOTP accounts (a PIN-based algorithm) are not supported by Keyfob.',
  yandex: 'Yandex accounts (a PIN-based algorithm) are not supported by Keyfob.',
};

/**
 * Reads the `entries` of Aegis's decrypted vault content (content versions 1–3): totp, hotp
 * and steam entries become accounts; anything else is skipped with a reason. Returns
 * `undefined` when the content is not an Aegis vault content at all.
 * @see https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md#entries
 */
export function readAegisEntries(content: unknown): AegisEntries | undefined {
  if (!isRecord(content) || !Array.isArray(content.entries)) return undefined;
  const result: AegisEntries = { accounts: [], skipped: [] };
  content.entries.forEach((entry: unknown, index) => {
    const fields = isRecord(entry) ? entry : {};
    const label = entryLabel(fields.issuer, fields.name, `Entry ${index + 1}`);
    const outcome = readEntry(entry);
    if (typeof outcome === 'string') result.skipped.push({ label, reason: outcome });
    else result.accounts.push(outcome);
  });
  return result;
}

/** An account, or the reason it is skipped. */
function readEntry(entry: unknown): OtpParams | string {
  if (!isRecord(entry) || !isRecord(entry.info) || typeof entry.type !== 'string') {
    return 'This entry is incomplete.';
  }
  const foreign = FOREIGN_TYPES[entry.type];
  if (foreign) return foreign;
  if (!['totp', 'hotp', 'steam'].includes(entry.type)) {
    return 'Keyfob does not know this kind of account.';
  }
  const { info } = entry;
  if (typeof info.secret !== 'string') return 'This entry has no secret.';
  try {
    return createOtpParams({
      type: entry.type,
      secret: info.secret,
      account: typeof entry.name === 'string' ? entry.name : '',
      issuer: typeof entry.issuer === 'string' ? entry.issuer : undefined,
      algorithm: asText(info.algo),
      digits: asNumber(info.digits),
      period: asNumber(info.period),
      counter: asNumber(info.counter),
    });
  } catch (error) {
    if (isOtpError(error)) return error.message;
    throw error;
  }
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** One Aegis vault entry (content version 3), as Aegis 3.x writes it. */
interface AegisEntry {
  type: string;
  uuid: string;
  name: string;
  issuer: string;
  note: string;
  favorite: boolean;
  icon: null;
  info: Record<string, string | number>;
  groups: string[];
}

/**
 * Aegis vault content (version 3) holding the accounts, with the fields and defaults Aegis
 * itself writes, so that Aegis imports it as one of its own.
 */
export function formatAegisContent(
  accounts: readonly ExportAccount[],
  uuid: () => string,
): Record<string, unknown> {
  // Aegis keeps entries in the order given; a pinned account is its "favorite".
  const entries = accounts.map(({ params, details }): AegisEntry => {
    const info: AegisEntry['info'] = {
      secret: params.secret,
      algo: params.algorithm,
      digits: params.digits,
    };
    if (params.type === 'hotp') info.counter = params.counter ?? 0;
    else info.period = params.period;
    return {
      type: params.type,
      uuid: uuid(),
      name: params.account,
      issuer: params.issuer ?? '',
      note: '',
      favorite: details?.pinned === true,
      icon: null,
      info,
      groups: [],
    };
  });
  return { version: 3, entries, groups: [], icons_optimized: true };
}
