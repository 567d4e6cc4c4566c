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

describe('auto-lock', () => {
  it('shows the current delay and saves a new one', async () => {
    const { fake } = await openSettings({ settings: { autoLockMinutes: 15 } });
    const field = (await screen.findByLabelText('Auto-lock after (minutes)')) as HTMLInputElement;
    expect(field.value).toBe('15');
    // The allowed range is shown up front, not only in an error.
    expect(field.max).toBe('1440');
    const hint = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/from 1 to 1,440 \(one day\)/);

    fill('Auto-lock after (minutes)', '5');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({ autoLockMinutes: 5 });
  });

  it("shows the background's refusal", async () => {
    const { fake } = await openSettings();
    await screen.findByLabelText('Auto-lock after (minutes)');
    fill('Auto-lock after (minutes)', '0');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Auto-lock must be a whole number of minutes from 1 to 1440.',
    );
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({ autoLockMinutes: 30 });
  });
});

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
  const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
  const AUTO_FILL = 'Fill sign-in codes automatically on the site where I enrolled';
  const AUTO_SUBMIT = 'Submit the setup form after filling the code';

  it('shows the device name and both switches, and saves what changed with Save', async () => {
    const { fake } = await openSettings({
      settings: { deviceName: 'Work laptop', autoSubmitSetup: true },
    });
    const name = (await screen.findByLabelText('Device name')) as HTMLInputElement;
    expect(name.value).toBe('Work laptop');
    expect(checkbox(AUTO_FILL).checked).toBe(false);
    expect(checkbox(AUTO_SUBMIT).checked).toBe(true);

    fill('Device name', '  Keyfob on Firefox ');
    fireEvent.click(checkbox(AUTO_FILL));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({
      deviceName: 'Keyfob on Firefox',
      autoFillSignIn: true,
      autoSubmitSetup: true,
      autoLockMinutes: 30,
    });
    // Only the changed fields: a save here must not undo one made meanwhile elsewhere.
    expect(fake.mock).toHaveBeenCalledWith('updateSettings', {
      deviceName: '  Keyfob on Firefox ',
      autoFillSignIn: true,
    });
    // The field shows what the background kept.
    expect((screen.getByLabelText('Device name') as HTMLInputElement).value).toBe(
      'Keyfob on Firefox',
    );
  });

  it("shows the background's refusal and keeps everything typed", async () => {
    const { fake } = await openSettings();
    await screen.findByLabelText('Device name');
    const tooLong = 'x'.repeat(65);
    fill('Device name', tooLong);
    fireEvent.click(checkbox(AUTO_SUBMIT));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The device name must be 1 to 64 printable characters.',
    );
    expect((screen.getByLabelText('Device name') as HTMLInputElement).value).toBe(tooLong);
    expect(checkbox(AUTO_SUBMIT).checked).toBe(true);
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({
      deviceName: 'Keyfob',
      autoSubmitSetup: false,
    });
  });

  it('opens the options page from "More settings"', async () => {
    const { openOptions } = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'More settings' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});
