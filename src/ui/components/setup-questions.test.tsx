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
});
