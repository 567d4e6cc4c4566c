// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { AccountId } from '../shared';
import { press, tab, tabTo, tabbables, type } from '../../test/support/ui/keyboard';
import { accountList, codeIn, renderPopup, row } from '../../test/support/ui/render-popup';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice' },
  { issuer: 'Bank', account: 'me', type: 'hotp' as const },
];

const button = (name: string) => screen.getByRole('button', { name });
const focused = () => document.activeElement;

it('unlocks with the keyboard alone', async () => {
  await renderPopup({ unlocked: false, accounts: ACCOUNTS });
  await screen.findByLabelText('Passphrase');
  expect(focused()).toBe(screen.getByLabelText('Passphrase'));

  type('wrong passphrase');
  press('Enter');
  await screen.findByRole('alert');
  expect(focused()).toBe(screen.getByLabelText('Passphrase'));

  type('correct horse battery');
  press('Enter');
  expect(await screen.findByRole('list', { name: 'Accounts' })).toBeTruthy();
  // Unlocked, the next keys search.
  await waitFor(() => expect(focused()).toBe(screen.getByLabelText('Search')));
});

it('reaches every control of the list in a sensible Tab order', async () => {
  await renderPopup({ accounts: ACCOUNTS });
  await screen.findByRole('list', { name: 'Accounts' });
  await screen.findByRole('button', { name: 'Back up now' });

  expect(tabbables()).toEqual([
    button('Add account'),
    button('Settings'),
    button('Lock'),
    button('Back up now'),
    screen.getByLabelText('Search'),
    screen.getByLabelText('Sort'),
    button('Copy code for GitHub alice'),
    button('Pin GitHub (alice)'),
    button('Edit GitHub (alice)'),
    button('Copy code for Bank me'),
    button('Next code for Bank (me)'),
    button('Pin Bank (me)'),
    button('Edit Bank (me)'),
    button('Scan QR code on this page'),
    button('Backup & import'),
  ]);
  // Nothing jumps the queue, and every button says what it does.
  expect(
    document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])'),
  ).toHaveLength(0);
  for (const control of screen.getAllByRole('button')) {
    expect(control.getAttribute('aria-label') ?? control.textContent?.trim()).toBeTruthy();
  }
});

it('copies, adds, edits, deletes, opens settings and locks without a mouse', async () => {
  const { fake, clipboard } = await renderPopup({ accounts: ACCOUNTS });
  const [github, bank] = fake.ids as [AccountId, AccountId];
  await screen.findByRole('list', { name: 'Accounts' });

  // Copy: Tab to the first row, Enter.
  tabTo((el) => el === button('Copy code for GitHub alice'));
  press('Enter');
  expect(clipboard.writeText.mock.lastCall?.[0]).toBeOneOf(await fake.recentCodes(github));
  await screen.findByText('Copied');

  // HOTP: Next code.
  tabTo((el) => el === button('Next code for Bank (me)'));
  press('Enter');
  await waitFor(async () => expect((await fake.account(bank)).params.counter).toBe(1));
  await waitFor(async () => expect(codeIn(row('Bank'))).toBe(await fake.codeOf(bank)));

  // Add manually, advanced options included.
  tabTo((el) => el === button('Add account'));
  press('Enter');
  await screen.findByRole('heading', { name: 'Add account' });
  expect(focused()).toBe(screen.getByLabelText('otpauth URI'));
  tab(true);
  expect(focused()).toBe(screen.getByRole('tab', { name: 'Paste URI' }));
  press('ArrowRight');
  expect(focused()).toBe(screen.getByRole('tab', { name: 'Enter manually' }));
  tab();
  expect(focused()).toBe(screen.getByLabelText('Issuer'));
  type('ACME');
  tab();
  type('carol');
  tab();
  expect(focused()).toBe(screen.getByLabelText('Secret'));
  type(SECRET);
  tab();
  expect(focused()?.textContent).toBe('Advanced');
  press('Enter');
  tab();
  expect(focused()).toBe(screen.getByLabelText('Type'));
  tab();
  expect(focused()).toBe(screen.getByLabelText('Algorithm'));
  fireEvent.change(focused()!, { target: { value: 'SHA512' } });
  tab();
  tab();
  expect(focused()).toBe(screen.getByLabelText('Period (seconds)'));
  tab();
  expect(focused()).toBe(button('Add'));
  press('Enter');

  await screen.findByRole('list', { name: 'Accounts' });
  expect(focused()).toBe(button('Copy code for ACME carol'));
  const acme = await fake.account(await fake.idOf('ACME'));
  expect(acme.params).toMatchObject({ issuer: 'ACME', algorithm: 'SHA512' });
  press('Enter');
  expect(clipboard.writeText.mock.lastCall?.[0]).toBeOneOf(await fake.recentCodes(acme.id));

  // Edit, then delete with its confirmation.
  tab();
  expect(focused()).toBe(button('Pin ACME (carol)'));
  tab();
  expect(focused()).toBe(button('Edit ACME (carol)'));
  press('Enter');
  await screen.findByRole('heading', { name: 'Edit ACME (carol)' });
  expect(focused()).toBe(screen.getByLabelText('Issuer'));
  tabTo((el) => el === button('Delete'));
  press('Enter');
  expect(focused()?.textContent).toMatch(/^Delete ACME \(carol\)\?/);
  tab();
  expect(focused()).toBe(button('Delete account'));
  press('Enter');
  await waitFor(() => expect(within(accountList()).getAllByRole('listitem')).toHaveLength(2));
  expect(await fake.accounts()).toHaveLength(2);

  // Settings and back.
  tabTo((el) => el === button('Settings'));
  press('Enter');
  await screen.findByRole('heading', { name: 'Settings' });
  expect(focused()).toBe(button('Back'));
  tab();
  expect(focused()).toBe(button('Open preferences'));
  tabTo((el) => el === button('Back'));
  press('Enter');
  expect(focused()).toBe(button('Settings'));

  // Lock.
  tab();
  expect(focused()).toBe(button('Lock'));
  press('Enter');
  await screen.findByRole('button', { name: 'Unlock' });
  expect(focused()).toBe(screen.getByLabelText('Passphrase'));
  expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ unlocked: false });
});

it('puts the page’s own actions in a sensible Tab order', async () => {
  await renderPopup({
    tabUrl: 'https://app.example.com/login',
    refusals: [{ origin: 'https://app.example.com', errorName: 'NotAuthorizedException' }],
    accounts: [
      { issuer: 'GitHub', account: 'alice' },
      { issuer: 'Acme', account: 'me', origin: 'https://app.example.com' },
      { issuer: 'Acme', account: 'old', state: 'replaced' },
    ],
  });
  await screen.findByRole('button', { name: 'Enroll on this page' });
  await screen.findByRole('button', { name: 'Back up now' });
  await screen.findByRole('button', { name: 'Dismiss message from app.example.com' });

  expect(tabbables()).toEqual([
    button('Add account'),
    button('Settings'),
    button('Lock'),
    button('Back up now'),
    button('Dismiss message from app.example.com'),
    screen.getByLabelText('Search'),
    screen.getByLabelText('Sort'),
    button('Copy code for Acme me'),
    button('Fill code for Acme (me)'),
    button('Pin Acme (me)'),
    button('Edit Acme (me)'),
    button('Copy code for GitHub alice'),
    button('Pin GitHub (alice)'),
    button('Edit GitHub (alice)'),
    button('Enroll on this page'),
    screen.getByText('Replaced accounts (1)'),
    button('Scan QR code on this page'),
    button('Backup & import'),
  ]);

  // Arrow keys go from the site's row to the others; folded rows are skipped.
  button('Copy code for Acme me').focus();
  press('ArrowDown');
  expect(focused()).toBe(button('Copy code for GitHub alice'));
  press('ArrowDown');
  expect(focused()).toBe(button('Copy code for GitHub alice'));
});
