// @vitest-environment happy-dom
import { act, fireEvent, render, screen } from '@testing-library/preact';
import { KeyfobError } from '../shared';
import { startTestBackground } from '../../test/support/ui/background';
import { renderPopup } from '../../test/support/ui/render-popup';
import { App } from './app';

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('first run', () => {
  it('creates a vault and opens it', async () => {
    const { fake } = await renderPopup({ exists: false });

    expect(await screen.findByRole('heading', { name: 'Create vault' })).toBeTruthy();
    expect(screen.getByText(/cannot be recovered/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Passphrase'));

    fill('Passphrase', 'correct horse battery');
    fill('Confirm passphrase', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));

    expect(await screen.findByText('No accounts yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lock' })).toBeTruthy();
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({
      exists: true,
      unlocked: true,
    });
    expect(await fake.opens('correct horse battery')).toBe(true);
  });

  it('says when the confirmation differs, without asking the background', async () => {
    const { fake } = await renderPopup({ exists: false });
    await screen.findByRole('heading', { name: 'Create vault' });

    fill('Passphrase', 'correct horse battery');
    fill('Confirm passphrase', 'correct horse batery');
    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));

    expect(screen.getByRole('alert').textContent).toBe('The two passphrases do not match.');
    expect(fake.calls('createVault')).toBe(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Confirm passphrase'));
  });

  it("shows the background's refusal of a weak passphrase", async () => {
    const { fake } = await renderPopup({ exists: false });
    await screen.findByRole('heading', { name: 'Create vault' });

    // Eleven characters: one short of the vault's rule.
    fill('Passphrase', 'short words');
    fill('Confirm passphrase', 'short words');
    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Use at least 12 characters — a short sentence or a few random words works well.',
    );
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ exists: false });
    expect(screen.getByRole('button', { name: 'Create vault' })).toBeTruthy();
  });
});

describe('unlock', () => {
  it('shows the error, clears and refocuses the field, and stays locked on a wrong passphrase', async () => {
    const { fake } = await renderPopup({ unlocked: false });
    const field = (await screen.findByLabelText('Passphrase')) as HTMLInputElement;

    fireEvent.input(field, { target: { value: 'wrong one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase does not open the vault.',
    );
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ unlocked: false });
    expect(screen.queryByRole('list', { name: 'Accounts' })).toBeNull();
    expect(fake.calls('listCodes')).toBe(0);
  });

  it('opens the vault with the right passphrase', async () => {
    await renderPopup({ unlocked: false, accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    fireEvent.input(await screen.findByLabelText('Passphrase'), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));

    expect(await screen.findByRole('list', { name: 'Accounts' })).toBeTruthy();
    expect(screen.getByText('GitHub')).toBeTruthy();
  });
});

describe('lock', () => {
  it('locks the vault and shows the unlock screen', async () => {
    const { fake } = await renderPopup({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    fireEvent.click(await screen.findByRole('button', { name: 'Lock' }));

    expect(await screen.findByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ unlocked: false });
    expect(screen.queryByText('GitHub')).toBeNull();
  });

  it('returns to the unlock screen when a request finds the vault locked', async () => {
    const { fake } = await renderPopup({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    await screen.findByText('GitHub');

    fireEvent.click(screen.getByRole('button', { name: 'Edit GitHub (alice)' }));
    const save = await screen.findByRole('button', { name: 'Save' });
    await fake.elsewhere('lockVault', {}); // locked from another window
    fireEvent.click(save);

    expect(await screen.findByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.getByText(/locked itself/)).toBeTruthy();
  });
});

it('offers to try again when the background does not answer', async () => {
  await renderPopup({ unlocked: false }, (fake) =>
    fake.mock.mockRejectedValueOnce(
      new KeyfobError('no-reply', 'Keyfob’s background did not answer. Please try again.'),
    ),
  );

  expect((await screen.findByRole('alert')).textContent).toBe(
    'Keyfob’s background did not answer. Please try again.',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByRole('button', { name: 'Unlock' })).toBeTruthy();
});

describe('opening', () => {
  it('paints from the request sent while the page loaded, without asking again', async () => {
    const fake = await startTestBackground({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    const opening = { sentAt: Date.now(), state: fake.send('getVaultState', { withCodes: true }) };
    render(<App send={fake.send} opening={opening} />);

    expect(await screen.findByText('GitHub')).toBeTruthy();
    expect(fake.calls('getVaultState')).toBe(1);
  });

  it('starts on the codes when the answer came before the first render: no "Loading" first', async () => {
    const fake = await startTestBackground({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    const sentAt = Date.now();
    const state = fake.send('getVaultState', { withCodes: true });
    const opening = { sentAt, state, answered: { state: await state, receivedAt: Date.now() } };
    render(<App send={fake.send} opening={opening} />);

    // Synchronously, in the very first render.
    expect(screen.getByText('GitHub')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
    await act(async () => {});
    expect(fake.calls('getVaultState')).toBe(1);
  });

  it('reports a failed early request, and Try again asks afresh', async () => {
    const fake = await startTestBackground({ unlocked: false });
    const failed = Promise.reject(new KeyfobError('no-reply', 'No answer.'));
    render(<App send={fake.send} opening={{ sentAt: Date.now(), state: failed }} />);

    expect((await screen.findByRole('alert')).textContent).toBe('No answer.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(fake.calls('getVaultState')).toBe(1);
  });
});
