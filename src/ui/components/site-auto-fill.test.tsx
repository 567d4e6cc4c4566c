// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { expectAutoFillToggle } from '../../../test/support/ui/auto-fill-toggle';
import { renderPopup } from '../../../test/support/ui/render-popup';

// The exact origin, port included, is what the person turns automatic fill on for.
const SITE = 'https://app.example.com:8443';
const ACCOUNTS = [
  { issuer: 'Acme', account: 'alice', origin: SITE },
  { issuer: 'Acme', account: 'old', origin: 'https://app.example.com' },
  { issuer: 'Bank', account: 'me' },
];

describe('"Fill automatically on <origin>" in the popup', () => {
  it('is off at first, and turns automatic fill on and off for exactly that origin', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: `${SITE}/login` });
    await expectAutoFillToggle(fake, SITE);
  });

  it('is not offered where no account of the site can be filled', async () => {
    await renderPopup({ accounts: ACCOUNTS, tabUrl: 'https://elsewhere.example/login' });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.queryByRole('checkbox', { name: /^Fill automatically on / })).toBeNull();
  });
});
