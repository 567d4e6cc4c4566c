import type { AccountView } from '../../src/messaging';
import type { AccountId } from '../../src/shared';

/** An account as the popup receives it: a 30 s TOTP code, with `over` on top. */
export const accountView = (over: Partial<AccountView>): AccountView => ({
  id: 'a' as AccountId,
  account: 'alice',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  code: '123456',
  weak: false,
  status: 'verified',
  pinned: false,
  order: 0,
  ...over,
});
