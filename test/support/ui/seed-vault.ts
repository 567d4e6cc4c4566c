import type { OtpAlgorithm, OtpParams, OtpType } from '../../../src/otp/types';
import type { AccountId, Origin } from '../../../src/shared';
import { createVaultService, type AccountStatus, type VaultStore } from '../../../src/vault';

/** PBKDF2 iterations of the test vaults: the real KDF, made cheap (production: 600,000). */
export const TEST_ITERATIONS = 1000;

/** The passphrase of a vault the harness creates. */
export const PASSPHRASE = 'correct horse battery';

/** An account to put in the vault before the popup opens. */
export interface SeedAccount {
  issuer?: string;
  account: string;
  type?: OtpType;
  algorithm?: OtpAlgorithm;
  digits?: number;
  /** Seconds per code (TOTP); 30 unless given. */
  period?: number;
  /** A secret shorter than 128 bits, which the popup flags. */
  weak?: boolean;
  state?: AccountStatus;
  /** Exact origin the account was enrolled on. */
  origin?: string;
  /** `origin` was linked by the person ("Use on this site") after adding, not enrolled. */
  linked?: boolean;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A distinct valid secret per number: 160 bits, or 80 (weak). */
export function secretFor(index: number, weak = false): string {
  const length = weak ? 16 : 32;
  return Array.from({ length }, (_, i) => BASE32[(i * 7 + index * 11 + 3) % 32]).join('');
}

function paramsOf(
  seed: Omit<SeedAccount, 'weak' | 'state' | 'origin' | 'linked'>,
  secret: string,
): OtpParams {
  const type = seed.type ?? 'totp';
  return {
    type,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    ...(type === 'hotp' ? { counter: 0 } : {}),
    ...seed,
    secret,
  };
}

/**
 * Creates a vault on `store` through the vault's own API, as the background would have, with
 * the given accounts and `damaged` records that no longer open. Returns the accounts' ids and
 * the vault key, with which a test reads what is on disk.
 */
export async function seedVault(
  store: VaultStore & { contents: { records: Map<string, unknown> } },
  accounts: SeedAccount[],
  damaged: number,
): Promise<{ ids: AccountId[]; vaultKey: Uint8Array }> {
  const vault = createVaultService({ store, iterations: TEST_ITERATIONS });
  await vault.create(PASSPHRASE, PASSPHRASE);
  const ids: AccountId[] = [];
  for (const [index, { weak, state, origin, linked, ...seed }] of accounts.entries()) {
    const added = await vault.add({
      params: paramsOf(seed, secretFor(index, weak)),
      ...(state ? { state } : {}),
      ...(origin && !linked ? { origin: origin as Origin } : {}),
    });
    if (origin && linked) await vault.update(added.id, { origin: origin as Origin });
    ids.push(added.id);
  }
  for (let i = 0; i < damaged; i += 1) {
    const { id } = await vault.add({ params: paramsOf({ account: 'x' }, secretFor(100 + i)) });
    const record = store.contents.records.get(id) as { sealed: { ciphertext: Uint8Array } };
    record.sealed.ciphertext[0]! ^= 0xff;
  }
  return { ids, vaultKey: await vault.exportSessionKey() };
}

/**
 * A vault over `store` unlocked with `vaultKey`: fresh for every read, since a vault keeps
 * what it listed in memory and the background's later writes would not show in an older one.
 */
export async function readVault(store: VaultStore, vaultKey: Uint8Array) {
  const reader = createVaultService({ store, iterations: TEST_ITERATIONS });
  await reader.unlockWithSessionKey(vaultKey.slice());
  return reader;
}

/** Whether `passphrase` opens the vault on `store` now. */
export async function opensVault(store: VaultStore, passphrase: string): Promise<boolean> {
  try {
    await createVaultService({ store, iterations: TEST_ITERATIONS }).unlock(passphrase);
    return true;
  } catch {
    return false;
  }
}
