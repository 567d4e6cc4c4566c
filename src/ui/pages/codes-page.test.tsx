// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { fakeCode } from '../test-support/fake-background';
import { press, tabbables } from '../test-support/keyboard';
import { accountList, advance, codeIn, renderPopup, row } from '../test-support/render-popup';

const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice@example.com' },
  { account: 'bob@example.com', weak: true },
  { issuer: 'AWS', account: 'carol', status: 'pending' as const },
];

describe('the account list', () => {
  it('shows each account with its code, grouped, and a countdown', async () => {
    const { fake } = renderPopup({ accounts: ACCOUNTS, damaged: ['x1', 'x2'] });
    await screen.findByRole('list', { name: 'Accounts' });

    const items = within(accountList()).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.accountId)).toEqual(['acc-1', 'acc-2', 'acc-3']);

    const github = row('GitHub');
    expect(within(github).getByText('alice@example.com')).toBeTruthy();
    expect(codeIn(github)).toBe(fake.currentCode('acc-1'));
    const code = fake.currentCode('acc-1');
    expect(within(github).getByTestId('code').textContent).toBe(
      `${code.slice(0, 3)} ${code.slice(3)}`,
    );
    expect(within(github).getByText(/^\d+ seconds? left$/)).toBeTruthy();

    // No issuer: the account name is the title.
    expect(within(row('bob@example.com')).getByText('weak secret')).toBeTruthy();
    expect(within(row('AWS')).getByText('pending')).toBeTruthy();
    expect(within(row('GitHub')).queryByText('weak secret')).toBeNull();

    expect(screen.getByText('2 entries could not be opened and were kept untouched.')).toBeTruthy();
  });

  it('names every action after its account', async () => {
    renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(
      screen.getByRole('button', { name: 'Copy code for GitHub (alice@example.com)' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit GitHub (alice@example.com)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit bob@example.com' })).toBeTruthy();
  });
});

describe('code refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down every second and asks for new codes only when the period rolls over', async () => {
    vi.useFakeTimers();
    // Popup clock 10 s into a 30 s step; the background clock runs 3 s ahead of it.
    const start = 1_700_000_010_000;
    vi.setSystemTime(start);
    const { fake } = renderPopup({ accounts: [ACCOUNTS[0]!], clockSkewMs: 3_000 });
    await advance(0);

    const github = () => row('GitHub');
    const step = Math.floor((start + 3_000) / 30_000);
    expect(codeIn(github())).toBe(fakeCode('acc-1', step));
    // 27 s left by the background clock, although the popup's own clock would say 30.
    expect(within(github()).getByText('27 seconds left')).toBeTruthy();
    expect(within(github()).getByTestId('countdown').dataset.secondsLeft).toBe('27');
    expect(fake.calls('listCodes')).toBe(1);

    // Ticks land just after each whole second of the background clock.
    await advance(1_010);
    expect(within(github()).getByText('26 seconds left')).toBeTruthy();

    // Up to just before the boundary (popup time start + 27 s): no new request, no polling.
    await advance(25_900);
    expect(within(github()).getByText('1 second left')).toBeTruthy();
    expect(fake.calls('listCodes')).toBe(1);
    expect(codeIn(github())).toBe(fakeCode('acc-1', step));

    await advance(400);
    expect(fake.calls('listCodes')).toBe(2);
    expect(codeIn(github())).toBe(fakeCode('acc-1', step + 1));
    expect(within(github()).getByText('30 seconds left')).toBeTruthy();

    // And once more a full period later.
    await advance(30_000);
    expect(fake.calls('listCodes')).toBe(3);
    expect(codeIn(github())).toBe(fakeCode('acc-1', step + 2));

    // Only the first listing is the person's doing; the timed ones must not postpone auto-lock.
    const listings = fake.mock.mock.calls.filter(([name]) => name === 'listCodes');
    expect(listings.map(([, data]) => data)).toEqual([{}, { refresh: true }, { refresh: true }]);
  });

  it('goes to the unlock screen when the vault has locked itself by the next refresh', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_010_000);
    const { fake } = renderPopup({ accounts: [ACCOUNTS[0]!] });
    await advance(0);
    expect(row('GitHub')).toBeTruthy();

    fake.state.unlocked = false; // auto-lock deadline passed in the background
    await advance(30_200);

    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Accounts' })).toBeNull();
    expect(screen.getByText(/locked itself/)).toBeTruthy();
  });

  it('does not schedule refreshes for counter-based (HOTP) accounts', async () => {
    vi.useFakeTimers();
    const { fake } = renderPopup({ accounts: [{ issuer: 'Bank', account: 'me', type: 'hotp' }] });
    await advance(0);
    expect(codeIn(row('Bank'))).toBe(fakeCode('acc-1', 0));
    expect(screen.queryByTestId('countdown')).toBeNull();
    await advance(120_000);
    expect(fake.calls('listCodes')).toBe(1);
  });
});

describe('copying a code', () => {
  it('copies on click and says so', async () => {
    const { fake, clipboard } = renderPopup({ accounts: ACCOUNTS });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Copy code for GitHub (alice@example.com)' }),
    );

    expect((await screen.findByRole('status')).textContent).toBe('Copied');
    expect(clipboard.writeText).toHaveBeenCalledWith(fake.currentCode('acc-1'));
  });

  it('copies with Enter on the focused row', async () => {
    const { fake, clipboard } = renderPopup({ accounts: ACCOUNTS });
    const button = await screen.findByRole('button', { name: 'Copy code for AWS (carol)' });
    button.focus();
    press('Enter');

    await screen.findByText('Copied');
    expect(clipboard.writeText).toHaveBeenCalledTimes(1);
    expect(clipboard.writeText).toHaveBeenCalledWith(fake.currentCode('acc-3'));
  });

  it('says when the clipboard refuses', async () => {
    const { clipboard } = renderPopup({ accounts: ACCOUNTS });
    clipboard.writeText.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy code for bob@example.com' }));
    expect(await screen.findByText('Could not copy the code')).toBeTruthy();
  });
});

it('moves an HOTP account to its next code', async () => {
  const { fake } = renderPopup({ accounts: [{ issuer: 'Bank', account: 'me', type: 'hotp' }] });
  await screen.findByRole('list', { name: 'Accounts' });
  expect(codeIn(row('Bank'))).toBe(fakeCode('acc-1', 0));

  fireEvent.click(screen.getByRole('button', { name: 'Next code for Bank (me)' }));

  expect(await screen.findByText('New code for Bank (me)')).toBeTruthy();
  expect(codeIn(row('Bank'))).toBe(fakeCode('acc-1', 1));
  expect(fake.state.accounts[0]!.counter).toBe(1);
});

describe('search', () => {
  it('filters by issuer or account name, ignoring case', async () => {
    renderPopup({ accounts: ACCOUNTS });
    const search = await screen.findByLabelText('Search');

    fireEvent.input(search, { target: { value: 'git' } });
    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(1);
    expect(row('GitHub')).toBeTruthy();

    fireEvent.input(search, { target: { value: 'BOB' } });
    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(1);
    expect(row('bob@example.com')).toBeTruthy();

    fireEvent.input(search, { target: { value: 'example.com' } });
    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(2);

    fireEvent.input(search, { target: { value: 'nothing' } });
    expect(within(accountList()).queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByText('No accounts match “nothing”.')).toBeTruthy();
  });

  it('is not shown when there are no accounts', async () => {
    renderPopup();
    await screen.findByText('No accounts yet.');
    expect(screen.queryByLabelText('Search')).toBeNull();
  });

  it('is focused by "/", and Enter copies the only match', async () => {
    const { fake, clipboard } = renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    const search = screen.getByLabelText('Search');

    screen.getByRole('button', { name: 'Lock' }).focus();
    press('/');
    expect(document.activeElement).toBe(search);

    fireEvent.input(search, { target: { value: 'aws' } });
    press('Enter');
    expect(clipboard.writeText).toHaveBeenCalledWith(fake.currentCode('acc-3'));
  });

  it('lets the arrow keys move between rows', async () => {
    renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    const copyButtons = within(accountList()).getAllByRole('button', { name: /^Copy code for/ });

    screen.getByLabelText('Search').focus();
    press('ArrowDown');
    expect(document.activeElement).toBe(copyButtons[0]);
    press('ArrowDown');
    expect(document.activeElement).toBe(copyButtons[1]);
    press('End');
    expect(document.activeElement).toBe(copyButtons[2]);
    press('ArrowDown');
    expect(document.activeElement).toBe(copyButtons[2]);
    press('Home');
    expect(document.activeElement).toBe(copyButtons[0]);
    press('ArrowUp');
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
  });
});

describe('setup messages', () => {
  const NOTICES = [
    { origin: 'https://app.example.com', message: 'The code did not match.', atMs: 3_000 },
    { origin: 'https://old.example.com', message: 'An old message.', atMs: 1_000 },
    { origin: 'https://b.example.org:8443', message: 'The setup session expired.', atMs: 5_000 },
    { origin: 'https://c.example.net', message: 'Another one.', atMs: 2_000 },
  ];
  const messages = () => screen.queryByRole('list', { name: 'Messages from sites' });
  const texts = () =>
    within(messages()!)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('span')?.textContent);

  it('shows the newest three as "host: message" in a polite status region', async () => {
    renderPopup({ accounts: ACCOUNTS, notices: NOTICES });
    await screen.findByRole('list', { name: 'Accounts' });

    expect(texts()).toEqual([
      'b.example.org:8443: The setup session expired.',
      'app.example.com: The code did not match.',
      'c.example.net: Another one.',
    ]);
    expect(messages()!.closest('[role="status"]')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides a dismissed message for the rest of the popup session', async () => {
    renderPopup({ accounts: ACCOUNTS, notices: NOTICES });
    await screen.findByRole('list', { name: 'Accounts' });

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message from app.example.com' }));
    expect(texts()).toEqual([
      'b.example.org:8443: The setup session expired.',
      'c.example.net: Another one.',
    ]);
    // Focus stays in the messages rather than falling back to the page top.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Dismiss message from c.example.net' }),
    );

    // Still hidden after a trip to Settings and back.
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Back' }));
    await screen.findByRole('list', { name: 'Accounts' });
    expect(texts()).toHaveLength(2);
  });

  it('moves focus to the list once the last message is dismissed', async () => {
    renderPopup({ accounts: ACCOUNTS, notices: [NOTICES[0]!] });
    await screen.findByRole('list', { name: 'Accounts' });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message from app.example.com' }));

    expect(messages()).toBeNull();
    expect(screen.getAllByRole('status')).toHaveLength(1); // only the popup's toast is left
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
  });
});

describe('account states', () => {
  const STATES = [
    { issuer: 'GitHub', account: 'alice' },
    { issuer: 'Acme', account: 'old', status: 'replaced' as const },
    { issuer: 'Acme', account: 'new', status: 'pending' as const },
    { issuer: 'Shop', account: 'older', status: 'replaced' as const },
  ];

  it('explains the pending badge', async () => {
    renderPopup({ accounts: STATES });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(within(row('Acme')).getByText('pending').title).toBe(
      'Waiting for the site to confirm the setup',
    );
  });

  it('folds replaced accounts away at the bottom, still copyable and editable', async () => {
    const { fake, clipboard } = renderPopup({ accounts: STATES });
    await screen.findByRole('list', { name: 'Accounts' });

    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(2);
    const summary = screen.getByText('Replaced accounts (2)');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    const replaced = screen.getByRole('list', { name: 'Replaced accounts' });
    expect(within(replaced).getAllByText('replaced')).toHaveLength(2);
    // Folded rows are out of the Tab order.
    const copyOld = screen.getByRole('button', { name: 'Copy code for Acme (old)' });
    expect(tabbables()).not.toContain(copyOld);

    summary.focus();
    press('Enter');
    expect(details.open).toBe(true);
    expect(tabbables()).toContain(copyOld);
    fireEvent.click(copyOld);
    await screen.findByText('Copied');
    expect(clipboard.writeText).toHaveBeenCalledWith(fake.currentCode('acc-2'));

    // Back from editing, focus returns to the row, unfolding its group if need be.
    details.open = false;
    fireEvent.click(screen.getByRole('button', { name: 'Edit Acme (old)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await screen.findByRole('list', { name: 'Replaced accounts' });
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Copy code for Acme (old)' }),
    );
    expect(screen.getByText('Replaced accounts (2)').closest('details')!.open).toBe(true);
  });

  it('has no replaced group when nothing was replaced', async () => {
    renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.queryByText(/^Replaced accounts/)).toBeNull();
  });
});
