// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { accountList, renderPopup } from '../../../test/support/ui/render-popup';
import { PASSPHRASE, secretFor } from '../../../test/support/ui/seed-vault';

const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const link = (issuer: string, account: string, secret: string) =>
  `otpauth://totp/${issuer}:${account}?secret=${secret}&issuer=${issuer}`;

describe('backup reminder', () => {
  it('reminds a person who never backed up, with one click to Backup & import', async () => {
    const { openBackup } = await renderPopup({
      accounts: [{ issuer: 'GitHub', account: 'alice' }],
    });
    expect(await screen.findByText(/You have never backed up your accounts/)).toBeTruthy();
    click('Back up now');
    expect(openBackup).toHaveBeenCalledTimes(1);
    click('Backup & import');
    expect(openBackup).toHaveBeenCalledTimes(2);
  });

  it('stays quiet when the last backup has every account', async () => {
    await renderPopup({ accounts: [{ account: 'alice' }], backedUp: true });
    await screen.findByRole('list', { name: 'Accounts' });
    await screen.findByRole('button', { name: 'Backup & import' });
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
  });
});

describe('Scan QR code on this page', () => {
  it('shows every account the page’s QR codes hold and adds the ticked ones in one step', async () => {
    const { fake } = await renderPopup({
      accounts: [{ issuer: 'GitHub', account: 'alice' }],
      qrCodes: [
        link('GitHub', 'alice', secretFor(0)),
        'https://example.com/help',
        link('AWS', 'carol', secretFor(7)),
        link('Bank', 'me', secretFor(8)),
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Scan QR code on this page' }));
    await screen.findByRole('heading', { name: 'Found 3 accounts' });
    const boxes = within(screen.getByRole('list', { name: 'Accounts found' })).getAllByRole(
      'checkbox',
    ) as HTMLInputElement[];
    expect(boxes.map((box) => box.checked)).toEqual([false, true, true]);

    fireEvent.click(boxes[2]!);
    click('Import 1 account');
    await screen.findByRole('list', { name: 'Accounts' });
    expect(within(accountList()).getByText('AWS')).toBeTruthy();
    expect((await fake.accounts()).map((a) => a.params.issuer)).toEqual(['GitHub', 'AWS']);
    expect((await fake.account(await fake.idOf('AWS'))).params.secret).toBe(secretFor(7));
    expect(fake.calls('scanTabForQr')).toBe(1);
  });

  it('says so when the page has no authenticator QR code', async () => {
    const { fake } = await renderPopup({
      accounts: [{ account: 'alice' }],
      qrCodes: ['https://example.com/not-an-account'],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Scan QR code on this page' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /found no authenticator QR code/,
    );
    expect(await fake.accounts()).toHaveLength(1);
  });
});

describe('Show QR code and secret', () => {
  it('asks for the passphrase again, then shows the QR code and secret with a plain warning', async () => {
    const { fake } = await renderPopup({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    const secret = secretFor(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit GitHub (alice)' }));
    await screen.findByRole('heading', { name: 'Edit GitHub (alice)' });
    click('Show QR code and secret');
    expect(screen.getByText(/Anyone who sees this QR code or secret can generate your codes/));

    fill('Vault passphrase', 'a wrong passphrase');
    click('Show');
    expect((await screen.findByRole('alert')).textContent).toMatch(/passphrase/);
    expect(screen.queryByText(secret)).toBeNull();

    fill('Vault passphrase', PASSPHRASE);
    click('Show');
    expect(await screen.findByText(secret)).toBeTruthy();
    const qr = await screen.findByRole('img', { name: 'QR code for GitHub (alice)' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(fake.calls('revealAccount')).toBe(2);

    click('Hide QR code and secret');
    expect(screen.queryByText(secret)).toBeNull();
  });
});
