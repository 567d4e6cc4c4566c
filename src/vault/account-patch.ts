import { toAccountPayload, toOtpParams, type AccountPayload } from './account-payload';
import { VaultError } from './errors';
import type { Account, AccountPatch } from './service-contract';

const PATCHABLE_PARAMS = ['account', 'issuer', 'algorithm', 'digits', 'period', 'counter'] as const;
/** Params a patch may remove by naming them with the value `undefined`. */
const OPTIONAL_PARAMS: ReadonlySet<string> = new Set(['issuer', 'counter']);

/**
 * The payload of `account` with `patch` applied (semantics on {@link AccountPatch}); throws
 * `account-invalid` if the result is not a valid account. The secret and the OTP type are not
 * patchable, whatever a caller passes at run time.
 */
export function applyPatch(account: Account, patch: AccountPatch): AccountPayload {
  const params: Record<string, unknown> = { ...account.params };
  for (const field of PATCHABLE_PARAMS) {
    if (!patch.params || !(field in patch.params)) continue;
    const value = patch.params[field];
    if (value !== undefined) params[field] = value;
    else if (OPTIONAL_PARAMS.has(field)) delete params[field];
  }
  if (params.issuer === '') delete params.issuer;
  const otpParams = toOtpParams(params);
  const origin = patch.origin === null ? undefined : (patch.origin ?? account.origin);
  // A new origin from a patch is always the person's link; enrollment sets it when adding.
  const linked = origin !== undefined && (origin !== account.origin || account.linked);
  const payload = toAccountPayload({
    params: otpParams,
    state: patch.state ?? account.state,
    origin,
    linked: linked || undefined,
    pinned: (patch.pinned ?? account.pinned) ? true : undefined,
    usedAt: patch.usedAt ?? account.usedAt,
  });
  if (!otpParams || !payload) throw new VaultError('account-invalid');
  return payload;
}
