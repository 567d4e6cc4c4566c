// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { renderPopup } from '../../../test/support/ui/render-popup';

// The exact origin, port included, is what the person turns automatic fill on for.
const SITE = 'https://app.example.com:8443';
const ACCOUNTS = [
  { issuer: 'Acme', account: 'alice', origin: SITE },
  { issuer: 'Acme', account: 'old', origin: 'https://app.example.com' },
  { issuer: 'Bank', account: 'me' },
];
const TOGGLE = `Fill automatically on ${SITE}`;

describe('"Fill automatically on <origin>" in the popup', () => {
  it('is off at first, and turns automatic fill on and off for exactly that origin', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: `${SITE}/login` });
    const toggle = (await screen.findByRole('checkbox', { name: TOGGLE })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(await fake.elsewhere('getAutoFillSites', {})).toEqual({ origins: [] });

    fireEvent.click(toggle);
    await waitFor(async () =>
      expect(await fake.elsewhere('getAutoFillSites', {})).toEqual({ origins: [SITE] }),
    );
    expect(toggle.checked).toBe(true);

    fireEvent.click(toggle);
    await waitFor(async () =>
      expect(await fake.elsewhere('getAutoFillSites', {})).toEqual({ origins: [] }),
    );
    expect(toggle.checked).toBe(false);
  });

  it('is not offered where no account of the site can be filled', async () => {
    await renderPopup({ accounts: ACCOUNTS, tabUrl: 'https://elsewhere.example/login' });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.queryByRole('checkbox', { name: /^Fill automatically on / })).toBeNull();
  });
});
