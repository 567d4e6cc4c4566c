// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import type { BackgroundOptions } from '../../../test/support/ui/background';
import { accountList, codeIn, renderPopup, row } from '../../../test/support/ui/render-popup';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function openAdd(options: BackgroundOptions = {}) {
  const popup = await renderPopup(options);
  fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
  await screen.findByRole('heading', { name: 'Add account' });
  return popup;
}

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('add by URI', () => {
  it('adds on Enter, keeps Shift+Enter for a new line, and cancels on Escape', async () => {
    const { fake } = await openAdd();
    const box = screen.getByLabelText('otpauth URI');
    fill('otpauth URI', `otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`);
    expect(fireEvent.keyDown(box, { key: 'Enter', shiftKey: true })).toBe(true);
    expect(fake.calls('addAccountFromUri')).toBe(0);
    expect(fireEvent.keyDown(box, { key: 'Enter' })).toBe(false);
    await screen.findByRole('list', { name: 'Accounts' });
    expect(fake.calls('addAccountFromUri')).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await screen.findByRole('heading', { name: 'Add account' });
    fill('otpauth URI', 'otpauth://totp/Other?secret=' + SECRET);
    fireEvent.keyDown(screen.getByLabelText('otpauth URI'), { key: 'Escape' });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(fake.calls('addAccountFromUri')).toBe(1);
  });

  it('adds the account and shows it in the list', async () => {
    const { fake } = await openAdd();
    expect(screen.getByRole('tab', { name: 'Paste URI' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(document.activeElement).toBe(screen.getByLabelText('otpauth URI'));

    fill('otpauth URI', `otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    const list = await screen.findByRole('list', { name: 'Accounts' });
    expect(within(list).getByText('ACME')).toBeTruthy();
    expect(codeIn(row('ACME'))).toBeOneOf(await fake.recentCodes(await fake.idOf('ACME')));
    expect(screen.getByRole('status').textContent).toBe('Added ACME (alice)');
    // Focus lands on the new account, ready to copy.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Copy code for ACME alice' }),
    );
  });

  it("keeps the pasted text and shows the background's message on error", async () => {
    const { fake } = await openAdd();
    const text = 'https://example.com/not-a-totp-link';
    fill('otpauth URI', text);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'This is not an authenticator link (otpauth://).',
    );
    expect((screen.getByLabelText('otpauth URI') as HTMLTextAreaElement).value).toBe(text);
    expect(screen.getByRole('heading', { name: 'Add account' })).toBeTruthy();
    expect(await fake.accounts()).toHaveLength(0);
  });

  it('asks for a link without sending an empty one', async () => {
    const { fake } = await openAdd();
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('Paste an otpauth:// link.');
    expect(fake.calls('addAccountFromUri')).toBe(0);
  });
});

describe('add manually', () => {
  it('sends the typed fields with the defaults', async () => {
    const { fake } = await openAdd();
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));

    fill('Issuer', 'GitHub');
    fill('Account', 'alice@example.com');
    fill('Secret', SECRET);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await screen.findByRole('list', { name: 'Accounts' });
    expect(fake.mock).toHaveBeenCalledWith('addAccount', {
      issuer: 'GitHub',
      account: 'alice@example.com',
      secret: SECRET,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(row('GitHub')).toBeTruthy();
  });

  it('sends the advanced options for an HOTP account', async () => {
    const { fake } = await openAdd();
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    fill('Account', 'me');
    fill('Secret', SECRET);
    fireEvent.click(screen.getByText('Advanced'));
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'hotp' } });
    fireEvent.change(screen.getByLabelText('Algorithm'), { target: { value: 'SHA256' } });
    fireEvent.change(screen.getByLabelText('Digits'), { target: { value: '8' } });
    expect(screen.queryByLabelText('Period (seconds)')).toBeNull();
    fill('Counter', '5');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await screen.findByRole('list', { name: 'Accounts' });
    expect(fake.mock).toHaveBeenCalledWith('addAccount', {
      account: 'me',
      secret: SECRET,
      type: 'hotp',
      algorithm: 'SHA256',
      digits: 8,
      counter: 5,
    });
    expect(within(row('me')).getByRole('button', { name: 'Next code for me' })).toBeTruthy();
    expect(codeIn(row('me'))).toHaveLength(8);
  });

  it('adds a Steam Guard account without digits, algorithm or period, and shows 5 characters', async () => {
    const { fake } = await openAdd();
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    fill('Issuer', 'Steam');
    fill('Account', 'gaben');
    fill('Secret', SECRET);
    fireEvent.click(screen.getByText('Advanced'));
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'steam' } });
    for (const label of ['Algorithm', 'Digits', 'Period (seconds)', 'Counter']) {
      expect(screen.queryByLabelText(label)).toBeNull();
    }
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await screen.findByRole('list', { name: 'Accounts' });
    expect(fake.mock).toHaveBeenCalledWith('addAccount', {
      issuer: 'Steam',
      account: 'gaben',
      secret: SECRET,
      type: 'steam',
    });
    expect(codeIn(row('Steam'))).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(within(row('Steam')).queryByRole('button', { name: /Next code/ })).toBeNull();
  });

  it('insists on the required fields without asking the background', async () => {
    const { fake } = await openAdd();
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    fill('Account', 'alice');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(screen.getByRole('alert').textContent).toBe('Enter the account name and the secret.');
    expect(document.activeElement).toBe(screen.getByLabelText('Secret'));
    expect(fake.calls('addAccount')).toBe(0);
  });

  it('keeps every field when the background refuses', async () => {
    await openAdd();
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    fill('Issuer', 'GitHub');
    fill('Account', 'alice');
    fill('Secret', 'not base32!');
    fireEvent.click(screen.getByText('Advanced'));
    fill('Period (seconds)', '60');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The secret is not valid base32: it may only contain the letters A to Z and the digits 2 to 7.',
    );
    const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    expect([value('Issuer'), value('Account'), value('Secret'), value('Period (seconds)')]).toEqual(
      ['GitHub', 'alice', 'not base32!', '60'],
    );
  });

  it('keeps what was typed in each mode when switching between them', async () => {
    await openAdd();
    fill('otpauth URI', 'otpauth://totp/x');
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    fill('Account', 'alice');
    fireEvent.click(screen.getByRole('tab', { name: 'Paste URI' }));
    expect((screen.getByLabelText('otpauth URI') as HTMLTextAreaElement).value).toBe(
      'otpauth://totp/x',
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Enter manually' }));
    expect((screen.getByLabelText('Account') as HTMLInputElement).value).toBe('alice');
  });
});

it('returns to the list on Cancel, adding nothing', async () => {
  const { fake } = await openAdd({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
  fill('otpauth URI', `otpauth://totp/ACME:alice?secret=${SECRET}`);
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

  await screen.findByRole('list', { name: 'Accounts' });
  expect(within(accountList()).getAllByRole('listitem')).toHaveLength(1);
  expect(fake.calls('addAccountFromUri')).toBe(0);
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add account' }));
});
