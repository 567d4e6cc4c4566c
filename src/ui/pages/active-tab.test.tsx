// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { TestBackground } from '../../../test/support/ui/background';
import { renderPopup, row } from '../../../test/support/ui/render-popup';

const SITE = 'https://app.example.com';
/** The page the popup opens over: a sign-in page on SITE. */
const SIGN_IN = `${SITE}/login`;
const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice', origin: 'https://github.com' },
  { issuer: 'Acme', account: 'alice', origin: SITE },
  // Same site, but not confirmed yet: nothing to fill.
  { issuer: 'Acme', account: 'bob', origin: SITE, state: 'pending' as const },
  { issuer: 'Bank', account: 'me' },
];

const siteList = () => screen.getByRole('list', { name: 'On this site' });
const fillButtons = () => screen.queryAllByRole('button', { name: /^Fill code for / });
const sent = (fake: TestBackground, command: string) =>
  fake.commands.filter((sent) => sent.command === command);

describe('on a site with enrolled accounts', () => {
  it('lists that site’s accounts first, with Fill, and no Fill anywhere else', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    expect(await screen.findByRole('heading', { name: 'On this site' })).toBeTruthy();

    const siteRows = within(siteList()).getAllByRole('listitem');
    expect(siteRows.map((item) => item.dataset.accountId)).toEqual([fake.ids[1]]);
    expect(fillButtons()).toEqual([
      screen.getByRole('button', { name: 'Fill code for Acme (alice)' }),
    ]);

    // The others stay in the main list, without Fill.
    expect(row('GitHub')).toBeTruthy();
    expect(row('bob')).toBeTruthy();
    expect(row('Bank')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Other accounts' })).toBeTruthy();
  });

  it('fills the chosen account into the page and says so', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    fireEvent.click(await screen.findByRole('button', { name: 'Fill code for Acme (alice)' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Filled'));
    expect(fake.mock).toHaveBeenCalledWith('fillActiveTab', { id: fake.ids[1] });
    // Acme (alice)'s code, into a page the content script checks is still on SITE.
    expect(sent(fake, 'fillCode')).toEqual([
      expect.objectContaining({
        code: expect.toBeOneOf(await fake.recentCodes(fake.ids[1]!)),
        expectedOrigin: SITE,
      }),
    ]);
  });

  it('shows the background’s refusal when the tab has moved to another site', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    const fill = await screen.findByRole('button', { name: 'Fill code for Acme (alice)' });
    fake.page.url = 'https://evil.example/login';
    fireEvent.click(fill);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'This account was set up on another site, so Keyfob will not fill it here.',
    );
    expect(sent(fake, 'fillCode')).toEqual([]);
  });

  it('shows the exact origin next to the account Fill would fill', async () => {
    await renderPopup({
      accounts: [{ issuer: 'Acme', account: 'alice', origin: 'http://app.example.com:8080' }],
      tabUrl: 'http://app.example.com:8080/login',
    });
    const fill = await screen.findByRole('button', { name: 'Fill code for Acme (alice)' });
    const origin = document.getElementById(fill.getAttribute('aria-describedby')!);
    expect(origin?.textContent).toBe('http://app.example.com:8080');
    expect(within(siteList()).getByText('http://app.example.com:8080')).toBeTruthy();
  });

  it('says why the page was not filled, and never "Filled"', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    fake.page.reply = { done: false, refused: 'hidden-field' };
    fireEvent.click(await screen.findByRole('button', { name: 'Fill code for Acme (alice)' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The code field on this page is hidden or covered, so Keyfob did not fill it.',
    );
    expect(screen.queryByText('Filled')).toBeNull();
  });

  it('shows no site group and no Fill on a page without accounts', async () => {
    await renderPopup({ accounts: ACCOUNTS, tabUrl: 'https://elsewhere.example/' });
    await screen.findByRole('list', { name: 'Accounts' });
    await screen.findByRole('button', { name: 'Enroll on this page' });
    expect(screen.queryByRole('heading', { name: 'On this site' })).toBeNull();
    expect(fillButtons()).toEqual([]);
  });

  it('shows where each account was enrolled', async () => {
    await renderPopup({ accounts: ACCOUNTS, tabUrl: null });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(within(row('GitHub')).getByText('github.com')).toBeTruthy();
    expect(within(row('Bank')).queryByText(/\./)).toBeNull();
  });
});

describe('Enroll on this page', () => {
  it('asks the page to look for a setup screen', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    fireEvent.click(await screen.findByRole('button', { name: 'Enroll on this page' }));

    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Looking for a setup screen on this page…',
      ),
    );
    expect(sent(fake, 'scanForSetup')).toHaveLength(1);
  });

  it('is offered on an http(s) page even before the first account', async () => {
    await renderPopup({ tabUrl: 'http://localhost:3000/' });
    await screen.findByText('No accounts yet.');
    expect(await screen.findByRole('button', { name: 'Enroll on this page' })).toBeTruthy();
  });

  it.each([null, 'chrome-extension://abcdefghijklmnop/page.html', 'file:///home/me/page.html'])(
    'is hidden when the page is %s',
    async (tabUrl) => {
      const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl });
      await screen.findByRole('list', { name: 'Accounts' });
      await vi.waitFor(() => expect(fake.calls('getActiveTab')).toBe(1));
      expect(screen.queryByRole('button', { name: 'Enroll on this page' })).toBeNull();
    },
  );

  it('shows the background’s refusal', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS, tabUrl: SIGN_IN });
    const enroll = await screen.findByRole('button', { name: 'Enroll on this page' });
    fake.page.url = 'file:///tmp/x.html'; // the tab navigated after the popup opened
    fireEvent.click(enroll);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keyfob can only set up accounts on web pages.',
    );
    expect(sent(fake, 'scanForSetup')).toEqual([]);
  });
});

describe('Use on this site', () => {
  const LOGIN = 'https://login.example.com:8443';
  const HAND_ADDED = [{ issuer: 'Bank', account: 'me' }];

  async function askToLink(options: Parameters<typeof renderPopup>[0]) {
    const popup = await renderPopup(options);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Bank (me)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use on this site' }));
    return popup;
  }

  it('links a hand-added account to the page’s exact origin once confirmed, then fills it', async () => {
    const { fake } = await askToLink({ accounts: HAND_ADDED, tabUrl: `${LOGIN}/signin?next=/` });
    const prompt = screen.getByRole('group', { name: /^Use Bank \(me\) on/ });
    expect(prompt.textContent).toContain(`on ${LOGIN}? Keyfob will fill its code`);
    expect(document.activeElement).toBe(screen.getByText(/^Use Bank \(me\) on/));
    expect(fake.calls('linkAccountToActiveTab')).toBe(0);

    fireEvent.click(within(prompt).getByRole('button', { name: `Use on ${LOGIN}` }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`Linked to ${LOGIN}`));
    expect(fake.mock).toHaveBeenCalledWith('linkAccountToActiveTab', {
      id: fake.ids[0],
      shownOrigin: LOGIN,
    });
    expect((await fake.account(fake.ids[0]!)).origin).toBe(LOGIN);

    // Among the page's accounts now, with its exact origin and Fill.
    const fill = await screen.findByRole('button', { name: 'Fill code for Bank (me)' });
    expect(within(siteList()).getByText(LOGIN)).toBeTruthy();
    fireEvent.click(fill);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Filled'));
    expect(sent(fake, 'fillCode')).toEqual([
      expect.objectContaining({
        code: expect.toBeOneOf(await fake.recentCodes(fake.ids[0]!)),
        expectedOrigin: LOGIN,
      }),
    ]);
  });

  it('links nothing on "Not now" or Escape', async () => {
    const { fake } = await askToLink({ accounts: HAND_ADDED, tabUrl: `${LOGIN}/` });
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Use on this site' }));

    fireEvent.click(screen.getByRole('button', { name: 'Use on this site' }));
    fireEvent.keyDown(screen.getByText(/^Use Bank \(me\) on/), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: `Use on ${LOGIN}` })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Edit Bank (me)' })).toBeTruthy();
    expect(fake.calls('linkAccountToActiveTab')).toBe(0);
    expect((await fake.account(fake.ids[0]!)).origin).toBeUndefined();
  });

  it('shows the background’s refusal when the tab moved to another site before the confirmation', async () => {
    const { fake } = await askToLink({ accounts: HAND_ADDED, tabUrl: `${LOGIN}/` });
    fake.page.url = 'https://evil.example/';
    fireEvent.click(screen.getByRole('button', { name: `Use on ${LOGIN}` }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The page moved to another site, so nothing was linked. Open Keyfob on the site again.',
    );
    expect((await fake.account(fake.ids[0]!)).origin).toBeUndefined();
  });

  it('puts a second account beside the one enrolled there, each with Fill', async () => {
    const { fake } = await askToLink({
      accounts: [...HAND_ADDED, { issuer: 'Bank', account: 'work', origin: LOGIN }],
      tabUrl: `${LOGIN}/`,
    });
    fireEvent.click(screen.getByRole('button', { name: `Use on ${LOGIN}` }));
    await screen.findByRole('button', { name: 'Fill code for Bank (me)' });
    expect(
      within(siteList())
        .getAllByRole('listitem')
        .map((item) => item.dataset.accountId),
    ).toEqual(fake.ids);
    expect(fillButtons()).toHaveLength(2);
  });

  it.each([
    ['a page Keyfob may not see', null, HAND_ADDED],
    ['a local file', 'file:///home/me/login.html', HAND_ADDED],
    ['an extension page', 'chrome-extension://abcdefghijklmnop/page.html', HAND_ADDED],
    [
      'an unfinished setup',
      SIGN_IN,
      [{ ...HAND_ADDED[0]!, state: 'pending' as const, origin: SITE }],
    ],
    ['a replaced account', SIGN_IN, [{ ...HAND_ADDED[0]!, state: 'replaced' as const }]],
    ['an account linked elsewhere', SIGN_IN, [{ ...HAND_ADDED[0]!, origin: LOGIN }]],
  ])('is not offered for %s', async (_, tabUrl, accounts) => {
    const { fake } = await renderPopup({ accounts, tabUrl });
    await vi.waitFor(() => expect(fake.calls('getActiveTab')).toBe(1));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Bank (me)' }));
    await screen.findByRole('heading', { name: 'Edit Bank (me)' });
    expect(screen.queryByRole('button', { name: 'Use on this site' })).toBeNull();
  });
});
