// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { startTestBackground, type BackgroundOptions } from '../../../test/support/ui/background';
import { PASSPHRASE, secretFor } from '../../../test/support/ui/seed-vault';
import { fromBase64 } from '../../shared';
import { OptionsApp } from './options-app';

const link = (issuer: string, account: string, secret: string, extra = '') =>
  `otpauth://totp/${issuer}:${account}?secret=${secret}&issuer=${issuer}${extra}`;
/** GitHub (already in the seeded vault), Bank and AWS. */
const LINKS = [
  link('GitHub', 'alice', secretFor(0)),
  link('Bank', 'me', secretFor(7)),
  link('AWS', 'carol', secretFor(8)),
];

async function renderBackup(options: BackgroundOptions = {}) {
  const fake = await startTestBackground(options);
  const grants = { list: async () => [], grant: async () => true, revoke: async () => {} };
  const saveFile = vi.fn();
  render(<OptionsApp send={fake.send} grants={grants} saveFile={saveFile} />);
  return { fake, saveFile };
}

/** A backup file's password is stretched, which is slow on a busy machine. */
const slow = { timeout: 30_000 };

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const issuers = async (fake: Awaited<ReturnType<typeof renderBackup>>['fake']) =>
  (await fake.accounts()).map((a) => a.params.issuer);

/** Chooses a file in a file input, as the browser's picker would. */
async function choose(label: string, file: File) {
  const input = (await screen.findByLabelText(label)) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const found = () =>
  within(screen.getByRole('list', { name: 'Accounts found' })).getAllByRole('checkbox');

describe('Backup & import', () => {
  it('asks for the passphrase while locked, then offers backup and import', async () => {
    const { fake } = await renderBackup({ unlocked: false, accounts: [{ account: 'a' }] });
    await screen.findByLabelText('Passphrase');
    fill('Passphrase', 'wrong one');
    click('Unlock');
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not open the vault/);
    fill('Passphrase', PASSPHRASE);
    click('Unlock');
    expect(await screen.findByText('You have never backed up your accounts.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save backup' })).toBeTruthy();
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ unlocked: true });
  });

  it('previews a file with duplicates unticked and skipped entries explained, then imports the ticked ones at once', async () => {
    const { fake } = await renderBackup({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    const lines = [...LINKS, link('OldVPN', 'me', secretFor(9), '&algorithm=MD5')];
    await choose('Import from a file', new File([lines.join('\n')], 'codes.txt'));

    await screen.findByRole('heading', { name: 'Found 3 accounts' });
    const [github, bank, aws] = found() as HTMLInputElement[];
    expect(github!.checked).toBe(false);
    expect(github!.disabled).toBe(true);
    expect(github!.closest('li')!.textContent).toContain('already in Keyfob');
    expect([bank!.checked, aws!.checked]).toEqual([true, true]);
    expect(screen.getByRole('list', { name: 'Skipped entries' }).textContent).toContain(
      'Line 4: This account uses a hash algorithm Keyfob does not support',
    );
    expect(await issuers(fake)).toEqual(['GitHub']);

    fireEvent.click(aws!);
    click('Import 1 account');
    expect(await screen.findByText('Imported 1 account.')).toBeTruthy();
    expect(await issuers(fake)).toEqual(['GitHub', 'Bank']);
    expect(fake.calls('commitImport')).toBe(1);
  });

  it('asks for an encrypted file’s password and retries without choosing the file again', async () => {
    const { fake } = await renderBackup({ accounts: [{ account: 'a' }, { account: 'b' }] });
    const backup = await fake.elsewhere('exportAccounts', {
      format: 'keyfob',
      passphrase: PASSPHRASE,
      password: 'another long file password',
    });
    const bytes = Uint8Array.from(atob(backup.data), (c) => c.charCodeAt(0));
    await choose('Import from a file', new File([bytes], 'backup.json'));

    const password = await screen.findByLabelText('File password');
    expect(document.activeElement).toBe(password);
    fill('File password', 'guess');
    click('Open file');
    expect((await screen.findByRole('alert', {}, slow)).textContent).toBe(
      'That password does not open this file.',
    );
    fill('File password', 'another long file password');
    click('Open file');
    await screen.findByRole('heading', { name: 'Found 2 accounts' }, slow);

    const sent = fake.mock.mock.calls
      .filter(([name]) => name === 'previewImport')
      .map(([, data]) => data as { name: string; data: string; password?: string });
    expect(sent.map((data) => data.password)).toEqual([
      undefined,
      'guess',
      'another long file password',
    ]);
    expect(new Set(sent.map((data) => `${data.name}:${data.data}`)).size).toBe(1);
    expect(sent[0]!.name).toBe('backup.json');
  });

  it('reads pasted text as pasted.txt and images through the QR decoder', async () => {
    const { fake } = await renderBackup({ qrCodes: LINKS });
    await screen.findByLabelText('Paste links or an image');
    fill('Paste links or an image', LINKS[0]!);
    click('Read pasted text');
    await screen.findByRole('heading', { name: 'Found 1 account' });
    const [, data] = fake.mock.mock.calls.find(([name]) => name === 'previewImport')!;
    expect((data as { name: string }).name).toBe('pasted.txt');
    expect(atob((data as { data: string }).data)).toContain('otpauth://totp/GitHub:alice');

    click('Cancel');
    expect(fake.calls('discardImport')).toBe(1);
    await choose('Import from an image', new File([new Uint8Array([137, 80, 78, 71])], 'qr.png'));
    await screen.findByRole('heading', { name: 'Found 3 accounts' });
    expect(fake.calls('previewImage')).toBe(1);
  });

  it('warns in plain words before a plain export and exports nothing without the passphrase', async () => {
    const { fake, saveFile } = await renderBackup({ accounts: [{ account: 'a' }] });
    const format = await screen.findByLabelText('Format');
    fireEvent.change(format, { target: { value: 'otpauth' } });
    expect(screen.getByRole('note').textContent).toMatch(
      /contains every secret in the clear; anyone who gets it can generate your codes/,
    );
    expect(screen.queryByLabelText('Backup password (optional)')).toBeNull();

    fill('Vault passphrase', 'not it');
    click('Export');
    expect((await screen.findByRole('alert')).textContent).toMatch(/passphrase/);
    expect(saveFile).not.toHaveBeenCalled();
    expect(fake.calls('exportAccounts')).toBe(1);
    expect(await fake.elsewhere('backupStatus', {})).toMatchObject({ lastBackupAt: null });
  });

  it('saves a Keyfob backup by default, under the vault passphrase unless another is chosen', async () => {
    const { fake, saveFile } = await renderBackup({
      accounts: [{ account: 'a' }, { account: 'b' }],
    });
    await screen.findByText('You have never backed up your accounts.');
    fill('Vault passphrase', PASSPHRASE);
    click('Save backup');
    expect(
      await screen.findByText(/^Last backup: .*It has every account\.$/, {}, slow),
    ).toBeTruthy();
    expect(saveFile).toHaveBeenCalledWith(
      expect.objectContaining({
        fileName: expect.stringMatching(/^keyfob-backup-.*\.json$/),
        mimeType: 'application/json',
      }),
    );

    fill('Vault passphrase', PASSPHRASE);
    fill('Backup password (optional)', 'another long password');
    fill('Confirm backup password', 'another long pasword');
    click('Save backup');
    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match/);
    fill('Confirm backup password', 'another long password');
    click('Save backup');
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalledTimes(2), slow);
    const exports = fake.mock.mock.calls.filter(([name]) => name === 'exportAccounts');
    expect(exports.map(([, data]) => data)).toEqual([
      { format: 'keyfob', passphrase: PASSPHRASE, taskId: expect.any(String) },
      {
        format: 'keyfob',
        passphrase: PASSPHRASE,
        password: 'another long password',
        taskId: expect.any(String),
      },
    ]);
    // The chosen password opens the file; the vault passphrase does not.
    const second = saveFile.mock.calls[1]![0] as { data: string };
    const opens = async (data: string, password: string) =>
      (await fake.send('previewImport', { name: 'b.json', data, password }).then(
        () => true,
        () => false,
      )) as boolean;
    expect(await opens(second.data, 'another long password')).toBe(true);
    expect(await opens(second.data, PASSPHRASE)).toBe(false);
  });

  it('shows how far a backup’s encryption and its restore’s decryption have come', async () => {
    const { saveFile } = await renderBackup({ accounts: [{ account: 'a' }] });
    await screen.findByText('You have never backed up your accounts.');
    fill('Vault passphrase', PASSPHRASE);
    click('Save backup');
    await expectRisingProgress('Encrypting your accounts… this can take a few seconds.');
    await screen.findByText(/^Last backup: /, {}, slow);
    expect(screen.queryByRole('progressbar')).toBeNull();

    const file = saveFile.mock.calls[0]![0] as { data: string; fileName: string };
    await choose('Import from a file', new File([fromBase64(file.data)], file.fileName));
    await screen.findByLabelText('File password');
    fill('File password', PASSPHRASE);
    click('Open file');
    await expectRisingProgress('Decrypting the file… this can take a few seconds.');
    await screen.findByRole('heading', { name: 'Found 1 account' }, slow);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

/**
 * Waits for the progress bar named `label` to show a fraction between none and all, then
 * for it to show more: a bar that never moves (or a spinner) fails.
 */
async function expectRisingProgress(label: string) {
  const shown = () => {
    const bar = screen.getByRole('progressbar', { name: label });
    return Number(bar.getAttribute('value'));
  };
  let first = 0;
  await vi.waitFor(() => {
    first = shown();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(100);
  }, slow);
  await vi.waitFor(() => expect(shown()).toBeGreaterThan(first), slow);
}
