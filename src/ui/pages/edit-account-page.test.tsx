// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { expectAutoFillToggle } from '../../../test/support/ui/auto-fill-toggle';
import { accountList, renderPopup, row } from '../../../test/support/ui/render-popup';

const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice' },
  { issuer: 'AWS', account: 'carol', weak: true },
];

async function openEdit(name: string) {
  const popup = await renderPopup({ accounts: ACCOUNTS });
  fireEvent.click(await screen.findByRole('button', { name: `Edit ${name}` }));
  await screen.findByRole('heading', { name: `Edit ${name}` });
  return popup;
}

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

it('renames an account', async () => {
  const { fake } = await openEdit('GitHub (alice)');
  expect((screen.getByLabelText('Issuer') as HTMLInputElement).value).toBe('GitHub');
  expect((screen.getByLabelText('Account') as HTMLInputElement).value).toBe('alice');
  expect(screen.getByText(/TOTP · SHA1 · 6 digits · every 30 s/)).toBeTruthy();

  fill('Issuer', 'GitHub Enterprise');
  fill('Account', 'alice.work');
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));

  await screen.findByRole('list', { name: 'Accounts' });
  expect(row('GitHub Enterprise').textContent).toContain('alice.work');
  expect((await fake.account(fake.ids[0]!)).params).toMatchObject({
    issuer: 'GitHub Enterprise',
    account: 'alice.work',
  });
  expect(screen.getByRole('status').textContent).toBe('Saved');
  expect(document.activeElement).toBe(
    screen.getByRole('button', { name: 'Copy code for GitHub Enterprise alice.work' }),
  );
});

it('keeps the account as it was on Cancel', async () => {
  const { fake } = await openEdit('GitHub (alice)');
  fill('Issuer', 'Something else');
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

  expect(row('GitHub')).toBeTruthy();
  expect(fake.calls('updateAccount')).toBe(0);
});

it('deletes an account only after confirmation', async () => {
  const { fake } = await openEdit('AWS (carol)');
  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));

  // First step only asks.
  expect(screen.getByText(/Delete AWS \(carol\)\?/)).toBeTruthy();
  expect(fake.calls('deleteAccount')).toBe(0);

  fireEvent.click(screen.getByRole('button', { name: 'Keep account' }));
  expect(screen.queryByRole('button', { name: 'Delete account' })).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));

  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  fireEvent.click(screen.getByRole('button', { name: 'Delete account' }));

  await screen.findByRole('list', { name: 'Accounts' });
  expect(screen.getByRole('status').textContent).toBe('Deleted AWS (carol)');
  const rows = within(accountList()).getAllByRole('listitem');
  expect(rows.map((item) => item.dataset.accountId)).toEqual([fake.ids[0]]);
  expect((await fake.accounts()).map((a) => a.id)).toEqual([fake.ids[0]]);
});

it('shows why a save failed and stays on the form', async () => {
  const { fake } = await openEdit('GitHub (alice)');
  await fake.elsewhere('deleteAccount', { id: fake.ids[0]! }); // removed in another window
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect((await screen.findByRole('alert')).textContent).toBe(
    'There is no such account in the vault.',
  );
  expect(screen.getByRole('heading', { name: 'Edit GitHub (alice)' })).toBeTruthy();
});

it('backs out with Escape: from the delete question to the form, then to the list', async () => {
  const { fake } = await openEdit('AWS (carol)');
  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  const prompt = await screen.findByText(/Its secret is erased from Keyfob for good/);
  fireEvent.keyDown(prompt, { key: 'Escape' });
  expect(screen.queryByRole('button', { name: 'Delete account' })).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));

  fill('Account', 'carol.changed');
  fireEvent.keyDown(screen.getByLabelText('Account'), { key: 'Escape' });
  await screen.findByRole('list', { name: 'Accounts' });
  expect(within(accountList()).getAllByRole('listitem')).toHaveLength(2);
  expect((await fake.account(fake.ids[1]!)).params.account).toBe('carol');
});

it('explains a short secret in the edit view of that account only', async () => {
  await openEdit('AWS (carol)');
  expect(screen.getByText(/shorter than the 128 bits/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Edit GitHub (alice)' }));
  await screen.findByRole('heading', { name: 'Edit GitHub (alice)' });
  expect(screen.queryByText(/shorter than the 128 bits/)).toBeNull();
});

describe('the site an account fills on', () => {
  const SITE = 'https://app.example.com';

  async function openEditOn(account: Parameters<typeof renderPopup>[0]) {
    const popup = await renderPopup(account);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Acme (alice)' }));
    await screen.findByRole('heading', { name: 'Edit Acme (alice)' });
    return popup;
  }

  it('shows it, and "Unlink" takes the account out of that site’s fill at once', async () => {
    const { fake } = await openEditOn({
      accounts: [{ issuer: 'Acme', account: 'alice', origin: SITE }],
      tabUrl: `${SITE}/login`,
    });
    expect(screen.getByText(/^Fills sign-in codes on/).textContent).toBe(
      `Fills sign-in codes on ${SITE} only.`,
    );
    fireEvent.click(screen.getByRole('button', { name: `Unlink from ${SITE}` }));

    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.getByRole('status').textContent).toBe(`Unlinked from ${SITE}`);
    expect(await fake.account(fake.ids[0]!)).not.toHaveProperty('origin');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'On this site' })).toBeNull());
    expect(screen.queryByRole('button', { name: /^Fill code for / })).toBeNull();
    expect(
      document.activeElement === screen.getByRole('button', { name: 'Copy code for Acme alice' }),
    ).toBe(true);
  });

  it('says why it could not unlink, and stays on the edit view', async () => {
    const { fake } = await openEditOn({
      accounts: [{ issuer: 'Acme', account: 'alice', origin: SITE }],
    });
    await fake.elsewhere('deleteAccount', { id: fake.ids[0]! }); // removed in another window
    fireEvent.click(screen.getByRole('button', { name: `Unlink from ${SITE}` }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'There is no such account in the vault.',
    );
    expect(screen.getByRole('heading', { name: 'Edit Acme (alice)' })).toBeTruthy();
  });

  it('offers no unlink for an unfinished setup', async () => {
    await openEditOn({
      accounts: [{ issuer: 'Acme', account: 'alice', origin: SITE, state: 'pending' }],
      tabUrl: `${SITE}/login`,
    });
    expect(
      screen.getByText(/Setting up on https:\/\/app\.example\.com, not confirmed yet/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Unlink/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use on this site' })).toBeNull();
  });
});

describe('"Fill automatically on <origin>" in the edit view', () => {
  // The exact origin, port included, wherever the popup was opened.
  const SITE = 'https://app.example.com:8443';
  const BOUND = [
    { issuer: 'Acme', account: 'alice', origin: SITE, linked: true },
    { issuer: 'Acme', account: 'new', origin: SITE, state: 'pending' as const },
    { issuer: 'Bank', account: 'me' },
  ];
  const TOGGLE = `Fill automatically on ${SITE}`;

  async function editBound(name: string) {
    const popup = await renderPopup({ accounts: BOUND, tabUrl: 'https://elsewhere.example/' });
    fireEvent.click(await screen.findByRole('button', { name: `Edit ${name}` }));
    await screen.findByRole('heading', { name: `Edit ${name}` });
    return popup;
  }

  it('turns automatic fill on and off for the exact origin the account is bound to', async () => {
    const { fake } = await editBound('Acme (alice)');
    await expectAutoFillToggle(fake, SITE);
  });

  it('shows the choice made elsewhere', async () => {
    const { fake } = await renderPopup({ accounts: BOUND });
    await fake.elsewhere('setAutoFill', { origin: SITE, on: true });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Acme (alice)' }));
    const toggle = (await screen.findByRole('checkbox', { name: TOGGLE })) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
  });

  it('is not offered for an unfinished setup or an account bound to no site', async () => {
    await editBound('Acme (new)');
    expect(screen.queryByRole('checkbox', { name: /^Fill automatically on / })).toBeNull();
    cleanup();
    await editBound('Bank (me)');
    expect(screen.queryByRole('checkbox', { name: /^Fill automatically on / })).toBeNull();
  });
});
