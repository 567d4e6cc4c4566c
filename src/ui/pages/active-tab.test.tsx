// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { renderPopup, row } from '../test-support/render-popup';

const SITE = 'https://app.example.com';
const ACCOUNTS = [
  { issuer: 'GitHub', account: 'alice', origin: 'https://github.com' },
  { issuer: 'Acme', account: 'alice', origin: SITE },
  // Same site, but not confirmed yet: nothing to fill.
  { issuer: 'Acme', account: 'bob', origin: SITE, status: 'pending' as const },
  { issuer: 'Bank', account: 'me' },
];

const siteList = () => screen.getByRole('list', { name: 'On this site' });
const fillButtons = () => screen.queryAllByRole('button', { name: /^Fill code for / });

describe('on a site with enrolled accounts', () => {
  it('lists that site’s accounts first, with Fill, and no Fill anywhere else', async () => {
    renderPopup({ accounts: ACCOUNTS, tabOrigin: SITE });
    expect(await screen.findByRole('heading', { name: 'On this site' })).toBeTruthy();

    const siteRows = within(siteList()).getAllByRole('listitem');
    expect(siteRows.map((item) => item.dataset.accountId)).toEqual(['acc-2']);
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
    const { fake } = renderPopup({ accounts: ACCOUNTS, tabOrigin: SITE });
    fireEvent.click(await screen.findByRole('button', { name: 'Fill code for Acme (alice)' }));

    expect((await screen.findByRole('status')).textContent).toBe('Filled');
    expect(fake.state.fills).toEqual(['acc-2']);
    expect(fake.mock).toHaveBeenCalledWith('fillActiveTab', { id: 'acc-2' });
  });

  it('shows the background’s refusal when the tab has moved to another site', async () => {
    const { fake } = renderPopup({ accounts: ACCOUNTS, tabOrigin: SITE });
    const fill = await screen.findByRole('button', { name: 'Fill code for Acme (alice)' });
    fake.state.tabOrigin = 'https://evil.example';
    fireEvent.click(fill);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'This account was set up on another site, so Keyfob will not fill it here.',
    );
    expect(fake.state.fills).toEqual([]);
  });

  it('shows no site group and no Fill on a page without accounts', async () => {
    renderPopup({ accounts: ACCOUNTS, tabOrigin: 'https://elsewhere.example' });
    await screen.findByRole('list', { name: 'Accounts' });
    await screen.findByRole('button', { name: 'Enroll on this page' });
    expect(screen.queryByRole('heading', { name: 'On this site' })).toBeNull();
    expect(fillButtons()).toEqual([]);
  });

  it('shows where each account was enrolled', async () => {
    renderPopup({ accounts: ACCOUNTS, tabOrigin: null });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(within(row('GitHub')).getByText('github.com')).toBeTruthy();
    expect(within(row('Bank')).queryByText(/\./)).toBeNull();
  });
});

describe('Enroll on this page', () => {
  it('asks the page to look for a setup screen', async () => {
    const { fake } = renderPopup({ accounts: ACCOUNTS, tabOrigin: SITE });
    fireEvent.click(await screen.findByRole('button', { name: 'Enroll on this page' }));

    expect((await screen.findByRole('status')).textContent).toBe(
      'Looking for a setup screen on this page…',
    );
    expect(fake.state.enrollments).toBe(1);
  });

  it('is offered on an http(s) page even before the first account', async () => {
    renderPopup({ tabOrigin: 'http://localhost:3000' });
    await screen.findByText('No accounts yet.');
    expect(await screen.findByRole('button', { name: 'Enroll on this page' })).toBeTruthy();
  });

  it.each([null, 'chrome-extension://abcdefghijklmnop', 'file:///home/me/page.html'])(
    'is hidden when the page is %s',
    async (tabOrigin) => {
      const { fake } = renderPopup({ accounts: ACCOUNTS, tabOrigin });
      await screen.findByRole('list', { name: 'Accounts' });
      await vi.waitFor(() => expect(fake.calls('getActiveTab')).toBe(1));
      expect(screen.queryByRole('button', { name: 'Enroll on this page' })).toBeNull();
    },
  );

  it('shows the background’s refusal', async () => {
    const { fake } = renderPopup({ accounts: ACCOUNTS, tabOrigin: SITE });
    const enroll = await screen.findByRole('button', { name: 'Enroll on this page' });
    fake.state.tabOrigin = 'file:///tmp/x.html'; // the tab navigated after the popup opened
    fireEvent.click(enroll);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keyfob can only set up accounts on web pages.',
    );
    expect(fake.state.enrollments).toBe(0);
  });
});
