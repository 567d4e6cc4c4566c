// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import en from '../../../public/_locales/en/messages.json';
import { describeCognitoError } from '../../cognito/protocol';
import { press, tabbables } from '../../../test/support/ui/keyboard';
import {
  accountList,
  advance,
  codeIn,
  renderPopup,
  row,
} from '../../../test/support/ui/render-popup';
import { VIRTUAL_MIN_ROWS } from '../long-list';

/** The list's one countdown. */
const countdown = () => screen.getByTestId('countdown');

const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice@example.com' },
  { account: 'bob@example.com', weak: true },
  { issuer: 'AWS', account: 'carol', state: 'pending' as const },
];

describe('the account list', () => {
  it('shows each account with its code, grouped, and a countdown', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, damaged: 2 });
    await screen.findByRole('list', { name: 'Accounts' });

    const items = within(accountList()).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.accountId)).toEqual(fake.ids);

    const github = row('GitHub');
    expect(within(github).getByText('alice@example.com')).toBeTruthy();
    // One read of the element: the popup may switch to the next code between two reads.
    const shown = within(github).getByTestId('code');
    const [code, text] = [shown.dataset.code ?? '', shown.textContent];
    expect(code).toBeOneOf(await fake.recentCodes(fake.ids[0]!));
    expect(text).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    // One countdown for the list, none in the rows: they all share its 30 s period.
    expect(within(countdown()).getByText(/^\d+ seconds? left$/)).toBeTruthy();
    expect(within(github).queryByTestId('row-countdown')).toBeNull();

    // No issuer: the account name is the title.
    expect(within(row('AWS')).getByText('pending')).toBeTruthy();
    // A short secret is explained in the edit view, not flagged on every row.
    expect(within(row('bob@example.com')).queryByText(/weak/i)).toBeNull();

    expect(screen.getByText('2 entries could not be opened and were kept untouched.')).toBeTruthy();
  });

  it('names every action after its account', async () => {
    await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(
      screen.getByRole('button', { name: 'Copy code for GitHub alice@example.com' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit GitHub (alice@example.com)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit bob@example.com' })).toBeTruthy();
  });

  it('names each copy button by what it shows, and describes it by code, badge and time left', async () => {
    await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    // Named by its content, not an aria-label that leaves out the visible code (WCAG 2.5.3).
    const copy = screen.getByRole('button', {
      name: 'Copy code for AWS carol',
      description: /^\d{3} \d{3} pending \d+ seconds? left( Next \d{3} \d{3})?$/,
    });
    expect(copy.hasAttribute('aria-label')).toBe(false);
    expect(within(copy).getByText('AWS')).toBeTruthy();
    expect(within(copy).getByText('carol')).toBeTruthy();
  });
});

describe('countdowns', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts a code of another period down in its own row, the others with the list', async () => {
    vi.useFakeTimers();
    // 20 s into a 30 s step and into a 60 s one: 10 s and 40 s left.
    vi.setSystemTime(1_700_000_000_000);
    await renderPopup({
      accounts: [ACCOUNTS[0]!, { issuer: 'Bank', account: 'dave', period: 60 }],
    });
    await advance(0);
    const copyOf = (title: string) =>
      within(row(title)).getByRole('button', { name: new RegExp(`^Copy code for ${title}`) });
    const own = () => within(row('Bank')).getByTestId('row-countdown');

    expect(countdown().dataset.secondsLeft).toBe('10');
    expect(own().dataset.secondsLeft).toBe('40');
    expect(within(own()).getByText('40 s')).toBeTruthy();
    expect(within(row('GitHub')).queryByTestId('row-countdown')).toBeNull();
    // Each copy button is described by the time its own code has left.
    expect(copyOf('GitHub')).toBe(
      screen.getByRole('button', { description: /^\d{3} \d{3}\s+10 seconds left$/ }),
    );
    expect(copyOf('Bank')).toBe(
      screen.getByRole('button', { description: /^\d{3} \d{3}\s+40 seconds left$/ }),
    );

    // Past the 30 s boundary the list's countdown starts again; the 60 s code runs on.
    await advance(10_010);
    expect(countdown().dataset.secondsLeft).toBe('30');
    expect(own().dataset.secondsLeft).toBe('30');
    expect(within(own()).getByText('30 s')).toBeTruthy();
  });
});

describe('a computer clock off from the sign-in server’s', () => {
  it('shows the server’s codes and says how far this computer’s clock is behind', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, serverAheadMs: 90_000 });
    await screen.findByRole('list', { name: 'Accounts' });
    const serverNow = Date.now() + 90_500;
    const serverCodes = [
      await fake.codeOf(fake.ids[0]!, serverNow),
      await fake.codeOf(fake.ids[0]!, serverNow - 30_000),
    ];
    expect(codeIn(row('GitHub'))).toBeOneOf(serverCodes);
    expect(
      screen.getByText(
        'This computer’s clock is 90 s behind the sign-in server’s. Keyfob corrects its codes for it.',
      ),
    ).toBeTruthy();
  });

  it('says nothing of an offset of 15 s or less', async () => {
    await renderPopup({ accounts: ACCOUNTS, serverAheadMs: -15_000 });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.queryByText(/This computer’s clock is/)).toBeNull();
  });
});

describe('code refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down every second, switches to the next code at the boundary by itself, and asks again mid-step', async () => {
    vi.useFakeTimers();
    // Popup clock 10 s into a 30 s step; the background clock runs 3 s ahead of it.
    const start = 1_700_000_010_000;
    vi.setSystemTime(start);
    const { fake } = await renderPopup({ accounts: [ACCOUNTS[0]!], clockSkewMs: 3_000 });
    await advance(0);

    const github = () => row('GitHub');
    const id = fake.ids[0]!;
    const step = Math.floor((start + 3_000) / 30_000);
    const codeInStep = (n: number) => fake.codeOf(id, n * 30_000);
    expect(codeIn(github())).toBe(await codeInStep(step));
    // 27 s left by the background clock, although the popup's own clock would say 30.
    expect(within(countdown()).getByText('27 seconds left')).toBeTruthy();
    expect(countdown().dataset.secondsLeft).toBe('27');
    // One request opened the popup: the vault's state came with the codes.
    expect(fake.calls('getVaultState')).toBe(1);
    expect(fake.calls('listCodes')).toBe(0);

    // Ticks land just after each whole second of the background clock.
    await advance(1_010);
    expect(within(countdown()).getByText('26 seconds left')).toBeTruthy();

    // Up to just before the boundary (popup time start + 27 s): no new request, no polling.
    await advance(25_900);
    expect(within(countdown()).getByText('1 second left')).toBeTruthy();
    expect(codeIn(github())).toBe(await codeInStep(step));

    // At the boundary the next code, sent with the first listing, takes over: no request,
    // never a stale code.
    await advance(100);
    expect(codeIn(github())).toBe(await codeInStep(step + 1));
    expect(within(github()).getByTestId('code').className).not.toContain('is-stale');
    expect(fake.calls('listCodes')).toBe(0);

    // Half a step later the popup asks for the step after, long before it is due.
    await advance(14_900);
    expect(fake.calls('listCodes')).toBe(0);
    await advance(200);
    expect(fake.calls('listCodes')).toBe(1);
    expect(codeIn(github())).toBe(await codeInStep(step + 1));

    // And the next boundary switches again, without waiting for an answer.
    await advance(15_000);
    expect(codeIn(github())).toBe(await codeInStep(step + 2));
    expect(within(countdown()).getByText('30 seconds left')).toBeTruthy();
    expect(fake.calls('listCodes')).toBe(1);

    // The timed listings are not the person's doing: they must not postpone auto-lock.
    const listings = fake.mock.mock.calls.filter(([name]) => name === 'listCodes');
    expect(listings.map(([, data]) => data)).toEqual([{ refresh: true }]);
  });

  it('shows the next code beside the current one in the last 5 seconds', async () => {
    vi.useFakeTimers();
    // 20 s into a 30 s step: 10 s left.
    const start = 1_700_000_030_000;
    vi.setSystemTime(start);
    const { fake } = await renderPopup({ accounts: [ACCOUNTS[0]!] });
    await advance(0);
    const github = () => row('GitHub');
    const step = Math.floor(start / 30_000);
    const next = await fake.codeOf(fake.ids[0]!, (step + 1) * 30_000);
    expect(within(github()).queryByTestId('next-code')).toBeNull();

    await advance(4_010);
    expect(within(countdown()).getByText('6 seconds left')).toBeTruthy();
    expect(within(github()).queryByTestId('next-code')).toBeNull();

    await advance(1_000);
    expect(within(countdown()).getByText('5 seconds left')).toBeTruthy();
    const shown = within(github()).getByTestId('next-code');
    expect(shown.dataset.nextCode).toBe(next);
    expect(shown.textContent).toBe(`Next ${next.slice(0, 3)} ${next.slice(3)}`);
    // A screen reader hears it with the row, and copying still takes the current code.
    const copy = within(github()).getByRole('button', { name: /^Copy code for GitHub/ });
    expect(copy.getAttribute('aria-describedby')?.split(' ')).toContain(shown.id);

    // Once the step is over it is the code itself, and the preview is gone.
    await advance(5_000);
    expect(codeIn(github())).toBe(next);
    expect(within(github()).queryByTestId('next-code')).toBeNull();
  });

  it('goes to the unlock screen when the vault has locked itself by the next refresh', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_010_000);
    const { fake } = await renderPopup({
      accounts: [ACCOUNTS[0]!],
      settings: { autoLockMinutes: 1 },
    });
    await advance(0);
    expect(row('GitHub')).toBeTruthy();

    // The timed refreshes (mid-step: 45 s, 75 s) are not activity: the one after the idle
    // minute finds it locked.
    await advance(45_100);
    expect(row('GitHub')).toBeTruthy();
    expect(fake.calls('listCodes')).toBe(1);
    await advance(30_000);
    expect(await fake.elsewhere('getVaultState', {})).toMatchObject({ unlocked: false });

    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Accounts' })).toBeNull();
    expect(screen.getByText(/locked itself/)).toBeTruthy();
  });

  it('does not schedule refreshes for counter-based (HOTP) accounts', async () => {
    vi.useFakeTimers();
    const { fake } = await renderPopup({
      accounts: [{ issuer: 'Bank', account: 'me', type: 'hotp' }],
    });
    await advance(0);
    expect(codeIn(row('Bank'))).toBe(await fake.codeOf(fake.ids[0]!));
    expect(screen.queryByTestId('countdown')).toBeNull();
    await advance(120_000);
    expect(fake.calls('listCodes')).toBe(0);
  });
});

describe('copying a code', () => {
  it('copies on click and says so', async () => {
    const { fake, clipboard } = await renderPopup({ accounts: ACCOUNTS });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Copy code for GitHub alice@example.com' }),
    );

    expect((await screen.findByRole('status')).textContent).toBe('Copied');
    const copied = clipboard.writeText.mock.lastCall?.[0];
    expect(copied).toBeOneOf(await fake.recentCodes(fake.ids[0]!));
    // The background hears of it, for clearing the clipboard when the code expires.
    await waitFor(() =>
      expect(fake.mock).toHaveBeenCalledWith('codeCopied', { id: fake.ids[0], code: copied }),
    );
  });

  it('copies with Enter on the focused row', async () => {
    const { fake, clipboard } = await renderPopup({ accounts: ACCOUNTS });
    const button = await screen.findByRole('button', { name: 'Copy code for AWS carol' });
    button.focus();
    press('Enter');

    await screen.findByText('Copied');
    expect(clipboard.writeText).toHaveBeenCalledTimes(1);
    expect(clipboard.writeText.mock.lastCall?.[0]).toBeOneOf(await fake.recentCodes(fake.ids[2]!));
  });

  it('says when the clipboard refuses', async () => {
    const { clipboard } = await renderPopup({ accounts: ACCOUNTS });
    clipboard.writeText.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy code for bob@example.com' }));
    expect(await screen.findByText('Could not copy the code')).toBeTruthy();
  });
});

it('moves an HOTP account to its next code', async () => {
  const { fake } = await renderPopup({
    accounts: [{ issuer: 'Bank', account: 'me', type: 'hotp' }],
  });
  const id = fake.ids[0]!;
  await screen.findByRole('list', { name: 'Accounts' });
  const first = await fake.codeOf(id);
  expect(codeIn(row('Bank'))).toBe(first);

  fireEvent.click(screen.getByRole('button', { name: 'Next code for Bank (me)' }));

  expect(await screen.findByText('New code for Bank (me)')).toBeTruthy();
  expect((await fake.account(id)).params.counter).toBe(1);
  expect(codeIn(row('Bank'))).toBe(await fake.codeOf(id));
  expect(codeIn(row('Bank'))).not.toBe(first);
});

describe('search', () => {
  it('filters by issuer or account name, ignoring case', async () => {
    await renderPopup({ accounts: ACCOUNTS });
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
    await renderPopup();
    await screen.findByText('No accounts yet.');
    expect(screen.queryByLabelText('Search')).toBeNull();
  });

  it('is focused by "/", and Enter copies the only match', async () => {
    const { fake, clipboard } = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    const search = screen.getByLabelText('Search');
    // The list's own effects have run once typing goes to search.
    await waitFor(() => expect(document.activeElement).toBe(search));

    screen.getByRole('button', { name: 'Lock' }).focus();
    press('/');
    expect(document.activeElement).toBe(search);

    fireEvent.input(search, { target: { value: 'aws' } });
    press('Enter');
    expect(clipboard.writeText.mock.lastCall?.[0]).toBeOneOf(await fake.recentCodes(fake.ids[2]!));
  });

  it('lets the arrow keys move between rows', async () => {
    await renderPopup({ accounts: ACCOUNTS });
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
  // Setups the sites refused, oldest first: the background's enrollment words each notice.
  const REFUSALS = [
    { origin: 'https://old.example.com', errorName: 'UserNotFoundException' },
    { origin: 'https://c.example.net', errorName: 'ResourceNotFoundException' },
    { origin: 'https://app.example.com', errorName: 'NotAuthorizedException' },
    { origin: 'https://b.example.org:8443', errorName: 'SoftwareTokenMFANotFoundException' },
  ];
  const said = (errorName: string) => en[describeCognitoError(errorName).messageKey].message;
  const messages = () => screen.queryByRole('list', { name: 'Messages from sites' });
  const texts = () =>
    within(messages()!)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('span')?.textContent);

  it('shows the newest three as "host: message" in a polite status region', async () => {
    await renderPopup({ accounts: ACCOUNTS, refusals: REFUSALS });
    await screen.findByRole('list', { name: 'Accounts' });
    // Their code comes in when there are messages to show.
    await screen.findByRole('list', { name: 'Messages from sites' });

    expect(texts()).toEqual([
      `b.example.org:8443: ${said('SoftwareTokenMFANotFoundException')}`,
      `app.example.com: ${said('NotAuthorizedException')}`,
      `c.example.net: ${said('ResourceNotFoundException')}`,
    ]);
    // The refused setups left no account behind.
    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(ACCOUNTS.length);
    expect(messages()!.closest('[role="status"]')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides a dismissed message for the rest of the popup session', async () => {
    await renderPopup({ accounts: ACCOUNTS, refusals: REFUSALS });
    await screen.findByRole('list', { name: 'Accounts' });
    // Their code comes in when there are messages to show.
    await screen.findByRole('list', { name: 'Messages from sites' });

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message from app.example.com' }));
    expect(texts()).toEqual([
      `b.example.org:8443: ${said('SoftwareTokenMFANotFoundException')}`,
      `c.example.net: ${said('ResourceNotFoundException')}`,
    ]);
    // Focus stays in the messages rather than falling back to the page top.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Dismiss message from c.example.net' }),
    );

    // Still hidden after a trip to Settings and back.
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Back' }));
    await screen.findByRole('list', { name: 'Accounts' });
    // Their code comes in when there are messages to show.
    await screen.findByRole('list', { name: 'Messages from sites' });
    expect(texts()).toHaveLength(2);
  });

  it('moves focus to the list once the last message is dismissed', async () => {
    await renderPopup({ accounts: ACCOUNTS, refusals: [REFUSALS[2]!] });
    await screen.findByRole('list', { name: 'Accounts' });
    // Their code comes in when there are messages to show.
    await screen.findByRole('list', { name: 'Messages from sites' });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message from app.example.com' }));

    expect(messages()).toBeNull();
    expect(screen.getAllByRole('status')).toHaveLength(1); // only the popup's toast is left
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
  });
});

describe('account states', () => {
  const STATES = [
    { issuer: 'GitHub', account: 'alice' },
    { issuer: 'Acme', account: 'old', state: 'replaced' as const },
    { issuer: 'Acme', account: 'new', state: 'pending' as const },
    { issuer: 'Shop', account: 'older', state: 'replaced' as const },
  ];

  it('explains the pending badge', async () => {
    await renderPopup({ accounts: STATES });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(within(row('Acme')).getByText('pending').title).toBe(
      'Waiting for the site to confirm the setup',
    );
  });

  it('folds replaced accounts away at the bottom, still copyable and editable', async () => {
    const { fake, clipboard } = await renderPopup({ accounts: STATES });
    await screen.findByRole('list', { name: 'Accounts' });

    expect(within(accountList()).getAllByRole('listitem')).toHaveLength(2);
    const summary = screen.getByText('Replaced accounts (2)');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    const replaced = screen.getByRole('list', { name: 'Replaced accounts' });
    expect(within(replaced).getAllByText('replaced')).toHaveLength(2);
    // Folded rows are out of the Tab order.
    const copyOld = screen.getByRole('button', { name: 'Copy code for Acme old' });
    expect(tabbables()).not.toContain(copyOld);

    summary.focus();
    press('Enter');
    expect(details.open).toBe(true);
    expect(tabbables()).toContain(copyOld);
    fireEvent.click(copyOld);
    await screen.findByText('Copied');
    expect(clipboard.writeText.mock.lastCall?.[0]).toBeOneOf(await fake.recentCodes(fake.ids[1]!));

    // Back from editing, focus returns to the row, unfolding its group if need be.
    details.open = false;
    fireEvent.click(screen.getByRole('button', { name: 'Edit Acme (old)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await screen.findByRole('list', { name: 'Replaced accounts' });
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Copy code for Acme old' }),
    );
    expect(screen.getByText('Replaced accounts (2)').closest('details')!.open).toBe(true);
  });

  it('has no replaced group when nothing was replaced', async () => {
    await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(screen.queryByText(/^Replaced accounts/)).toBeNull();
  });
});

it('shows a long name whole on hover', async () => {
  await renderPopup({
    accounts: [{ issuer: 'A very long issuer name that the row cuts', account: 'someone' }],
  });
  const title = await screen.findByText('A very long issuer name that the row cuts');
  expect(title.getAttribute('title')).toBe('A very long issuer name that the row cuts');
});

describe('a long list', () => {
  const MANY = Array.from({ length: VIRTUAL_MIN_ROWS + 50 }, (_, i) => ({
    issuer: `Site ${String(i).padStart(3, '0')}`,
    account: `person${i}@example.com`,
  }));

  it('draws only the rows near view, and the keys still reach every row', async () => {
    const { fake } = await renderPopup({ accounts: MANY });
    await screen.findByRole('list', { name: 'Accounts' });
    const drawn = () => within(accountList()).getAllByRole('listitem');
    const total = MANY.length;
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(total / 2);
    // Each drawn row tells a screen reader where it sits in the whole list.
    expect(drawn()[0]!.getAttribute('aria-setsize')).toBe(String(total));
    expect(drawn()[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(codeIn(drawn()[0]!)).toBeOneOf(await fake.recentCodes(fake.ids[0]!));

    const focusedRow = () => (document.activeElement as HTMLElement).closest('li');
    press('ArrowDown', screen.getByLabelText('Search'));
    expect(focusedRow()?.dataset.accountId).toBe(fake.ids[0]);
    // End goes to the last row, which was not drawn until then.
    press('End');
    expect(focusedRow()?.dataset.accountId).toBe(fake.ids[total - 1]);
    expect(focusedRow()?.getAttribute('aria-posinset')).toBe(String(total));
    expect(within(focusedRow()!).getByText(`Site ${total - 1}`)).toBeTruthy();
    press('ArrowUp');
    expect(focusedRow()?.dataset.accountId).toBe(fake.ids[total - 2]);
    press('Home');
    expect(focusedRow()?.dataset.accountId).toBe(fake.ids[0]);
    press('ArrowDown');
    expect(focusedRow()?.dataset.accountId).toBe(fake.ids[1]);

    // Search still finds any account, drawn or not.
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'person140@' } });
    await waitFor(() =>
      expect(drawn().map((item) => item.dataset.accountId)).toEqual([fake.ids[140]]),
    );
  });
});
