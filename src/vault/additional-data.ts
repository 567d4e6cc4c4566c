import { toHex, utf8Encode } from '../shared';
import { VAULT_FORMAT } from './records';

/*
 * Additional data (AD) for AES-GCM: authenticated, never stored. Each piece is a list of
 * fields, each written as a 4-byte big-endian length and its UTF-8 bytes, so no two lists
 * encode to the same bytes. The first field names the purpose, so a ciphertext made for one
 * purpose (say the key check) can never be opened as another (an account).
 */
function encodeFields(fields: readonly string[]): Uint8Array<ArrayBuffer> {
  const encoded = fields.map(utf8Encode);
  const out = new Uint8Array(encoded.reduce((sum, f) => sum + 4 + f.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const field of encoded) {
    view.setUint32(offset, field.length);
    out.set(field, offset + 4);
    offset += 4 + field.length;
  }
  return out;
}

/**
 * AD of an account record: purpose, format, vault id, account id and, from format 2 on, the
 * record's version.
 */
export const accountAd = (
  vaultId: string,
  record: { id: string; format: number; version: number },
) =>
  encodeFields([
    'keyfob/account',
    String(record.format),
    vaultId,
    record.id,
    ...(record.format >= 2 ? [String(record.version)] : []),
  ]);

/**
 * AD of the version manifest: purpose, format, vault id and its revision, so neither an
 * older manifest relabelled as newer nor one from another vault opens.
 */
export const manifestAd = (vaultId: string, format: number, revision: number) =>
  encodeFields(['keyfob/record-versions', String(format), vaultId, String(revision)]);

/**
 * AD of the wrapped vault key: purpose, format, vault id and the KDF parameters, so the
 * wrapped key cannot be moved to another vault or paired with edited parameters.
 */
export const keySlotAd = (vaultId: string, iterations: number, salt: Uint8Array) =>
  encodeFields([
    'keyfob/vault-key',
    String(VAULT_FORMAT),
    vaultId,
    'PBKDF2-HMAC-SHA256',
    String(iterations),
    toHex(salt),
  ]);

/** AD of the key check value: purpose, format, vault id. */
export const keyCheckAd = (vaultId: string) =>
  encodeFields(['keyfob/key-check', String(VAULT_FORMAT), vaultId]);
