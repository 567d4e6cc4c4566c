import { isRecord } from '../../shared';
import { validateOtpParams, type OtpParams } from '../../otp';
import type { AccountDetails, ExportAccount, SkippedEntry } from '../types';
import { entryLabel } from '../label';

/** One account as the encrypted body holds it. */
interface BodyEntry {
  params: OtpParams;
  details: AccountDetails;
}

const STATES: readonly AccountDetails['state'][] = ['verified', 'pending', 'replaced'];

/**
 * The body's JSON: every account with all it carries. An account exported without details
 * (none exist in the vault yet) gets neutral ones: verified, in list order, dated now.
 */
export function formatKeyfobBody(accounts: readonly ExportAccount[], now: number): string {
  const entries: BodyEntry[] = accounts.map(({ params, details }, index) => ({
    params,
    details: details ?? { state: 'verified', order: index, createdAt: now, updatedAt: now },
  }));
  return JSON.stringify({ accounts: entries });
}

/** What a decrypted body yields: accounts with their details, and entries Keyfob can't take. */
export interface KeyfobBody {
  accounts: OtpParams[];
  details: AccountDetails[];
  skipped: SkippedEntry[];
}

/**
 * Reads a decrypted body. It is authentic, but may come from a newer Keyfob with account
 * kinds this one does not know: such entries are skipped with a reason, not fatal.
 * Returns `undefined` when the body is not a backup body at all.
 */
export function parseKeyfobBody(value: unknown): KeyfobBody | undefined {
  if (!isRecord(value) || !Array.isArray(value.accounts)) return undefined;
  const body: KeyfobBody = { accounts: [], details: [], skipped: [] };
  value.accounts.forEach((entry: unknown, index) => {
    const params = isRecord(entry) ? readParams(entry.params) : undefined;
    const details = isRecord(entry) ? readDetails(entry.details) : undefined;
    if (params && details) {
      body.accounts.push(params);
      body.details.push(details);
    } else {
      body.skipped.push({
        label: labelOf(entry, index),
        reason: 'This version of Keyfob does not support this account.',
      });
    }
  });
  return body;
}

function readParams(value: unknown): OtpParams | undefined {
  if (!isRecord(value)) return undefined;
  try {
    return validateOtpParams(value as unknown as OtpParams);
  } catch {
    return undefined;
  }
}

function readDetails(value: unknown): AccountDetails | undefined {
  if (!isRecord(value)) return undefined;
  const { origin, state, order, createdAt, updatedAt } = value;
  if (!STATES.includes(state as AccountDetails['state'])) return undefined;
  if (!Number.isSafeInteger(order) || !isTime(createdAt) || !isTime(updatedAt)) return undefined;
  if (origin !== undefined && typeof origin !== 'string') return undefined;
  const details: AccountDetails = {
    state: state as AccountDetails['state'],
    order: order as number,
    createdAt,
    updatedAt,
  };
  if (origin !== undefined) details.origin = origin;
  return { ...details, ...readUsage(value, origin !== undefined) };
}

/**
 * The details version 2 added; a version 1 backup has none of them, so each is optional. One
 * that is malformed is left out rather than costing the account.
 */
function readUsage(value: Record<string, unknown>, hasOrigin: boolean): Partial<AccountDetails> {
  const usage: Partial<AccountDetails> = {};
  // Both only mean something for an account bound to a site.
  if (value.linked === true && hasOrigin) usage.linked = true;
  if (value.autoFill === true && hasOrigin) usage.autoFill = true;
  if (value.pinned === true) usage.pinned = true;
  if (isTime(value.usedAt)) usage.usedAt = value.usedAt;
  return usage;
}

const isTime = (time: unknown): time is number => Number.isSafeInteger(time) && Number(time) >= 0;

function labelOf(entry: unknown, index: number): string {
  const params = isRecord(entry) && isRecord(entry.params) ? entry.params : {};
  return entryLabel(params.issuer, params.account, `Account ${index + 1}`);
}
