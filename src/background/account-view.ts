import { generateCode, isTimeBased, secretStrength, validUntilMs } from '../otp';
import type { AccountView } from '../messaging/protocol';
import type { Account } from '../vault';

/**
 * What the popup may see of an account: everything but the secret (docs/architecture.md §1). The code
 * is computed here, in the background, so the secret never has to leave it.
 */
export async function toAccountView(account: Account, nowMs: number): Promise<AccountView> {
  const { params } = account;
  const view: AccountView = {
    id: account.id,
    account: params.account,
    type: params.type,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    code: await generateCode(params, nowMs),
    weak: secretStrength(params.secret).weak,
    status: account.state,
    pinned: account.pinned,
    order: account.order,
  };
  if (account.usedAt !== undefined) view.usedAtMs = account.usedAt;
  if (params.issuer) view.issuer = params.issuer;
  if (isTimeBased(params.type)) {
    view.validUntilMs = validUntilMs(nowMs, params.period);
    view.nextCode = await generateCode(params, view.validUntilMs);
  }
  if (account.origin) view.origin = account.origin;
  if (account.linked) view.linked = true;
  return view;
}
