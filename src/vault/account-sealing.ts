import { openBox, sealBox } from '../crypto';
import { wipe, type AccountId } from '../shared';
import { decodePayload, encodePayload, type AccountPayload } from './account-payload';
import { accountAd } from './additional-data';
import type { VaultSession } from './key-manager';
import { parseRecord } from './parse-stored';
import type { AccountRecord, StoredBox } from './records';
import type { Account } from './service-contract';

/*
 * The one door between the two shapes of an account (docs/architecture.md §6, Bitwarden-style): the
 * sealed `AccountRecord` on disk and the open `Account` in memory.
 */

/** A stored record together with the account it opened to. */
export interface OpenedRecord {
  record: AccountRecord;
  account: Account;
}

/**
 * Seals a payload for one version of a record of this session's vault; the plaintext is
 * wiped after.
 */
export async function sealPayload(
  session: VaultSession,
  record: Pick<AccountRecord, 'id' | 'format' | 'version'>,
  payload: AccountPayload,
): Promise<StoredBox> {
  const plaintext = encodePayload(payload);
  try {
    return await sealBox(session.key, plaintext, accountAd(session.vaultId, record));
  } finally {
    wipe(plaintext);
  }
}

/** Opens a stored (untrusted) record; undefined when it is damaged in any way. */
export async function openRecord(
  session: VaultSession,
  stored: unknown,
): Promise<OpenedRecord | undefined> {
  const record = parseRecord(stored);
  if (!record) return undefined;
  let plaintext: Uint8Array;
  try {
    const ad = accountAd(session.vaultId, record);
    plaintext = await openBox(session.key, record.sealed, ad);
  } catch {
    return undefined;
  }
  const payload = decodePayload(plaintext);
  wipe(plaintext);
  return payload && { record, account: toAccount(record, payload) };
}

/**
 * The open account of a record and its payload. Frozen, because callers share the accounts
 * the vault keeps in memory: a change must go through the vault.
 */
export function toAccount(record: AccountRecord, payload: AccountPayload): Account {
  const account: Account = {
    id: record.id as AccountId,
    params: payload.params,
    state: payload.state,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    order: record.order,
    pinned: payload.pinned === true,
  };
  if (payload.origin !== undefined) account.origin = payload.origin;
  if (payload.linked) account.linked = true;
  if (payload.usedAt !== undefined) account.usedAt = payload.usedAt;
  Object.freeze(account.params);
  return Object.freeze(account);
}
