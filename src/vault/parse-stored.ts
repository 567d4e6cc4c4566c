import { isRecord } from '../shared';
import {
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  KDF_SALT_BYTES,
  PBKDF2_MAX_ITERATIONS,
  VAULT_KEY_BYTES,
} from '../crypto';
import { VaultError } from './errors';
import {
  MANIFEST_FORMAT,
  RECORD_FORMAT,
  VAULT_FORMAT,
  type AccountRecord,
  type StoredBox,
  type StoredManifest,
  type VaultHeader,
} from './records';

const isVaultId = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function toBox(value: unknown, ciphertextLength?: number): StoredBox | undefined {
  if (!isRecord(value)) return undefined;
  const { iv, ciphertext } = value;
  if (!(iv instanceof Uint8Array) || iv.length !== GCM_IV_BYTES) return undefined;
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < GCM_TAG_BYTES) return undefined;
  if (ciphertextLength !== undefined && ciphertext.length !== ciphertextLength) return undefined;
  return { iv, ciphertext };
}

/**
 * Validates a header read from disk (untrusted) and copies out exactly the known fields.
 * Throws `vault-format-unsupported` for a newer format, `vault-header-damaged` for anything
 * else that is not a well-formed header.
 */
export function parseHeader(value: unknown): VaultHeader {
  const damaged = () => new VaultError('vault-header-damaged');
  if (!isRecord(value)) throw damaged();
  if (
    typeof value.format === 'number' &&
    Number.isSafeInteger(value.format) &&
    value.format > VAULT_FORMAT
  ) {
    throw new VaultError('vault-format-unsupported');
  }
  if (value.format !== VAULT_FORMAT) throw damaged();
  const { vaultId, createdAt, revision, keySlot } = value;
  if (!isVaultId(vaultId) || !isTime(createdAt)) throw damaged();
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) throw damaged();
  if (!isRecord(keySlot) || !isRecord(keySlot.kdf)) throw damaged();
  const { algorithm, iterations, salt } = keySlot.kdf;
  if (algorithm !== 'PBKDF2-HMAC-SHA256') throw damaged();
  // The cap keeps a tampered count from stalling the background for hours.
  if (!Number.isSafeInteger(iterations) || (iterations as number) < 1) throw damaged();
  if ((iterations as number) > PBKDF2_MAX_ITERATIONS) throw damaged();
  if (!(salt instanceof Uint8Array) || salt.length < KDF_SALT_BYTES) throw damaged();
  const wrappedKey = toBox(keySlot.wrappedKey, VAULT_KEY_BYTES + GCM_TAG_BYTES);
  const keyCheck = toBox(value.keyCheck);
  if (!wrappedKey || !keyCheck) throw damaged();
  return {
    format: VAULT_FORMAT,
    vaultId,
    createdAt,
    revision: revision as number,
    keySlot: {
      kdf: { algorithm, iterations: iterations as number, salt },
      wrappedKey,
    },
    keyCheck,
  };
}

/** Validates a record read from disk (untrusted); undefined when it is not well formed. */
export function parseRecord(value: unknown): AccountRecord | undefined {
  if (!isRecord(value)) return undefined;
  const { id, format, createdAt, updatedAt, order } = value;
  if (typeof id !== 'string' || (format !== 1 && format !== 2 && format !== RECORD_FORMAT)) {
    return undefined;
  }
  if (!isTime(createdAt) || !isTime(updatedAt) || !isTime(order)) return undefined;
  const version = format === 1 ? 0 : value.version;
  if (!Number.isSafeInteger(version) || (version as number) < (format === 1 ? 0 : 1)) {
    return undefined;
  }
  const sealed = toBox(value.sealed);
  if (!sealed) return undefined;
  return { id, format, version: version as number, createdAt, updatedAt, order, sealed };
}

/** Validates a stored version manifest (untrusted); undefined when it is not well formed. */
export function parseManifest(value: unknown): StoredManifest | undefined {
  if (!isRecord(value) || value.format !== MANIFEST_FORMAT) return undefined;
  const { revision } = value;
  if (!Number.isSafeInteger(revision) || (revision as number) < 1) return undefined;
  const sealed = toBox(value.sealed);
  return sealed && { format: MANIFEST_FORMAT, revision: revision as number, sealed };
}

/** The id of something stored as a record, even when the rest of it is unreadable. */
export function recordIdOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const { id } = value;
  if (typeof id === 'string') return id;
  return typeof id === 'number' ? String(id) : undefined;
}
