import { codeMaker, isTimeBased, secretStrength, validUntilMs, type CodeMaker } from '../otp';
import type { OtpParams } from '../otp';
import type { AccountView } from '../messaging/protocol';
import type { Account } from '../vault';

/**
 * What the popup may see of an account: everything but the secret (docs/architecture.md §1). The code
 * is computed here, in the background, so the secret never has to leave it.
 */
export function toAccountView(account: Account, nowMs: number): AccountView {
  const { params } = account;
  const { code, weak } = prepared(params);
  const view: AccountView = {
    id: account.id,
    account: params.account,
    type: params.type,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    code: code(nowMs),
    weak,
    status: account.state,
    pinned: account.pinned,
    order: account.order,
  };
  if (account.usedAt !== undefined) view.usedAtMs = account.usedAt;
  if (params.issuer) view.issuer = params.issuer;
  if (isTimeBased(params.type)) {
    view.validUntilMs = validUntilMs(nowMs, params.period);
    view.nextCode = code(view.validUntilMs);
  }
  if (account.origin) view.origin = account.origin;
  if (account.linked) view.linked = true;
  return view;
}

/**
 * What each listing would otherwise work out again per account: its code maker (the secret
 * decoded and the HMAC keyed) and whether the secret is weak. Keyed by the parameters object,
 * which the open vault keeps (frozen) while it is unlocked and replaces on every edit, so an edit
 * or a HOTP counter step gets a new maker. The map holds no account: an entry goes with its
 * parameters, which the lock lets go of (garbage then, like the secret string itself, not
 * wiped). Parameters that are not frozen could change under the entry, so they are worked out
 * afresh each time.
 */
const preparedFor = new WeakMap<OtpParams, { code: CodeMaker; weak: boolean }>();

function prepared(params: OtpParams): { code: CodeMaker; weak: boolean } {
  let entry = preparedFor.get(params);
  if (!entry) {
    entry = { code: codeMaker(params), weak: secretStrength(params.secret).weak };
    if (Object.isFrozen(params)) preparedFor.set(params, entry);
  }
  return entry;
}
