// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { renderPopup } from '../../../test/support/ui/render-popup';

// The person's word on setups (docs/architecture.md §1): a pending account is kept only when
// the person says they finished it, and of two verified setups for one name on one site the
// person chooses which to keep.

const SITE = 'https://app.example.com:8443';
const questions = () => screen.queryByRole('region', { name: 'Setups to confirm' });
const question = (origin: string) =>
  screen.getByText(
    (_, element) => element?.tagName === 'P' && element.textContent!.includes(origin),
  );

describe('setup questions in the popup', () => {
  it('asks about a pending setup by its exact origin; Keep verifies it', async () => {
    const { fake } = await renderPopup({
      accounts: [{ issuer: 'Acme', account: 'bob', origin: SITE, state: 'pending' }],
    });
    await waitFor(() => expect(questions()).toBeTruthy());
    expect(question(SITE).textContent).toContain(`Did you finish setting up ${SITE}?`);
    fireEvent.click(within(questions()!).getByRole('button', { name: 'Keep' }));
    await waitFor(async () =>
      expect((await fake.accounts()).map((a) => a.state)).toEqual(['verified']),
    );
    await waitFor(() => expect(questions()).toBeNull());
  });

  it('Discard removes one; "Remove all pending" removes every pending one and nothing else', async () => {
    const { fake } = await renderPopup({
      accounts: [
        { issuer: 'Acme', account: 'a', origin: SITE, state: 'pending' },
        { issuer: 'Acme', account: 'b', origin: SITE, state: 'pending' },
        { issuer: 'Beta', account: 'c', origin: 'https://beta.example', state: 'pending' },
        { issuer: 'Acme', account: 'kept', origin: SITE },
      ],
    });
    await waitFor(() => expect(questions()).toBeTruthy());
    const first = within(questions()!).getAllByRole('listitem')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: 'Discard' }));
    await waitFor(async () => expect(await fake.accounts()).toHaveLength(3));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove all pending' }));
    await waitFor(async () =>
      expect((await fake.accounts()).map((a) => [a.params.account, a.state])).toEqual([
        ['kept', 'verified'],
      ]),
    );
  });

  it('two verified setups for one name on one site: the person keeps one, the other is replaced', async () => {
    const { fake } = await renderPopup({
      accounts: [
        { issuer: 'Acme', account: 'alice', origin: SITE },
        { issuer: 'Acme', account: 'alice', origin: SITE },
        { issuer: 'Acme', account: 'alice', origin: 'https://other.example' },
      ],
    });
    await waitFor(() => expect(questions()).toBeTruthy());
    expect(question(SITE).textContent).toMatch(/Which one to keep\?/);
    const keepSecond = within(questions()!).getByRole('button', { name: /^Keep setup 2/ });
    fireEvent.click(keepSecond);
    await waitFor(async () =>
      expect((await fake.accounts()).map((a) => a.state)).toEqual([
        'replaced',
        'verified',
        'verified',
      ]),
    );
    await waitFor(() => expect(questions()).toBeNull());
  });

  it('a setup and an account linked by hand: worded as such; keeping the setup unlinks the other', async () => {
    const { fake } = await renderPopup({
      accounts: [
        { issuer: 'Acme', account: 'alice', origin: SITE },
        { issuer: 'Typed in', account: 'alice', origin: SITE, linked: true },
      ],
    });
    await waitFor(() => expect(questions()).toBeTruthy());
    const text = question(SITE).textContent!;
    expect(text).toContain(
      `alice on ${SITE} has an account you set up there and one you linked with “Use on this site”.`,
    );
    expect(text).not.toMatch(/setups/);
    const buttons = within(questions()!).getAllByRole('button');
    expect(buttons.map((b) => b.textContent!.replace(/\d{6}/, 'N'))).toEqual([
      'Keep setup (code N)',
      'Keep linked account (code N)',
    ]);
    fireEvent.click(buttons[0]!);
    // The linked account stays a working account, only no longer for this site.
    await waitFor(async () =>
      expect((await fake.accounts()).map((a) => [a.params.issuer, a.state, a.origin])).toEqual([
        ['Acme', 'verified', SITE],
        ['Typed in', 'verified', undefined],
      ]),
    );
    await waitFor(() => expect(questions()).toBeNull());
  });

  it('two accounts linked by hand: asks which to keep there, not about setups', async () => {
    await renderPopup({
      accounts: [
        { issuer: 'One', account: 'alice', origin: SITE, linked: true },
        { issuer: 'Two', account: 'alice', origin: SITE, linked: true },
      ],
    });
    await waitFor(() => expect(questions()).toBeTruthy());
    expect(question(SITE).textContent).toBe(
      `You linked two accounts for alice to ${SITE}. Which one to keep there?`,
    );
    expect(
      within(questions()!)
        .getAllByRole('button')
        .map((b) => b.textContent!.replace(/\d{6}/, 'N')),
    ).toEqual(['Keep linked account 1 (code N)', 'Keep linked account 2 (code N)']);
  });
});
