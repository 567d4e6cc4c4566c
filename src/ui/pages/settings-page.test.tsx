// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import type { BackgroundOptions } from '../../../test/support/ui/background';
import { renderPopup } from '../../../test/support/ui/render-popup';

async function openSettings(options: BackgroundOptions = {}) {
  const popup = await renderPopup(options);
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return popup;
}

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('change passphrase', () => {
  it('changes it and clears the form', async () => {
    const { fake } = await openSettings();
    fill('Current passphrase', 'correct horse battery');
    fill('New passphrase', 'staple battery horse');
    fill('Confirm new passphrase', 'staple battery horse');
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));

    expect(await screen.findByText('Passphrase changed')).toBeTruthy();
    expect(await fake.opens('staple battery horse')).toBe(true);
    expect(await fake.opens('correct horse battery')).toBe(false);
    expect((screen.getByLabelText('Current passphrase') as HTMLInputElement).value).toBe('');
  });

  it('clears and refocuses the current passphrase when it is wrong', async () => {
    const { fake } = await openSettings();
    fill('Current passphrase', 'not it');
    fill('New passphrase', 'staple battery horse');
    fill('Confirm new passphrase', 'staple battery horse');
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase does not open the vault.',
    );
    const current = screen.getByLabelText('Current passphrase') as HTMLInputElement;
    expect(current.value).toBe('');
    expect(document.activeElement).toBe(current);
    expect((screen.getByLabelText('New passphrase') as HTMLInputElement).value).toBe(
      'staple battery horse',
    );
    expect(await fake.opens('correct horse battery')).toBe(true);
  });

  it('catches a mismatched confirmation before sending', async () => {
    const { fake } = await openSettings();
    fill('Current passphrase', 'correct horse battery');
    fill('New passphrase', 'staple battery horse');
    fill('Confirm new passphrase', 'staple battery hose');
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));

    expect(screen.getByRole('alert').textContent).toBe('The new passphrases do not match.');
    expect(fake.calls('changePassphrase')).toBe(0);
  });
});

it('goes back to the list and to the Settings button', async () => {
  await openSettings({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect(await screen.findByRole('list', { name: 'Accounts' })).toBeTruthy();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
});

describe('preferences', () => {
  it('are not repeated here: one button opens them in the options page', async () => {
    const { openOptions } = await openSettings();
    expect(screen.queryByLabelText('Auto-lock after (minutes)')).toBeNull();
    expect(screen.queryByLabelText('Device name')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    const open = screen.getByRole('button', { name: 'Open preferences' });
    expect(
      document.getElementById(open.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toMatch(/Auto-lock, the clipboard, the sign-in helper for Amazon Cognito/);
    fireEvent.click(open);
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});
