// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { AccountId } from '../../shared';
import { accountList, advance, renderPopup, row } from '../../../test/support/ui/render-popup';

/*
 * Organising the popup's list against the real background: pin, sort, move by keyboard and by
 * drag, and Undo of a delete.
 */

const ACCOUNTS = [
  { issuer: 'Gamma', account: 'g' },
  { issuer: 'Alpha', account: 'a' },
  { issuer: 'Beta', account: 'b' },
];

const shown = () =>
  within(accountList())
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.account-title')?.textContent);

const button = (name: string) => screen.getByRole('button', { name });
const sortBox = () => screen.getByLabelText('Sort') as HTMLSelectElement;

describe('organising the list', () => {
  it('pins an account to the top, on disk too, and unpins it', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(shown()).toEqual(['Gamma', 'Alpha', 'Beta']);

    fireEvent.click(button('Pin Beta (b)'));
    await waitFor(() => expect(shown()).toEqual(['Beta', 'Gamma', 'Alpha']));
    expect(button('Pin Beta (b)').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Pinned Beta (b)');
    expect(await fake.account(fake.ids[2]!)).toMatchObject({ pinned: true });

    fireEvent.click(button('Pin Beta (b)'));
    await waitFor(() => expect(shown()).toEqual(['Gamma', 'Alpha', 'Beta']));
    expect(await fake.account(fake.ids[2]!)).toMatchObject({ pinned: false });
  });

  it('sorts by name or last use, and keeps the choice for the next popup', async () => {
    const first = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(sortBox().value).toBe('manual');

    fireEvent.change(sortBox(), { target: { value: 'name' } });
    expect(shown()).toEqual(['Alpha', 'Beta', 'Gamma']);
    await waitFor(async () =>
      expect(await first.fake.elsewhere('getSettings', {})).toMatchObject({ accountSort: 'name' }),
    );

    // Copying notes the use; the next listing puts it first.
    fireEvent.click(button('Copy code for Beta b'));
    await waitFor(async () =>
      expect((await first.fake.account(first.fake.ids[2]!)).usedAt).toEqual(expect.any(Number)),
    );
    fireEvent.change(sortBox(), { target: { value: 'recent' } });
    first.unmount();

    await renderPopup({ accounts: ACCOUNTS, settings: { accountSort: 'name' } });
    await screen.findByRole('list', { name: 'Accounts' });
    expect(sortBox().value).toBe('name');
    expect(shown()).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('moves a row with Alt+Arrow keys, keeps focus on it and says where it went', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    const gamma = button('Copy code for Gamma g');
    gamma.focus();

    fireEvent.keyDown(gamma, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(shown()).toEqual(['Alpha', 'Gamma', 'Beta']));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Moved Gamma (g) to 2 of 3'),
    );
    expect(document.activeElement).toBe(button('Copy code for Gamma g'));
    expect((await fake.accounts()).map((a) => a.params.issuer)).toEqual(['Alpha', 'Gamma', 'Beta']);

    // Plain arrows still walk the rows; by name, Alt+Arrow moves nothing.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(button('Copy code for Beta b'));
    fireEvent.change(sortBox(), { target: { value: 'name' } });
    fireEvent.keyDown(button('Copy code for Alpha a'), { key: 'ArrowDown', altKey: true });
    expect(shown()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(row('Alpha').getAttribute('draggable')).toBeNull();
  });

  it('moves a row dropped onto another into its place', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    // Draggable as the list shows, with its listeners in place.
    expect(row('Beta').getAttribute('draggable')).toBe('true');

    // Plain events: happy-dom's DragEvent does not reach listeners.
    const drag = (type: string, target: HTMLElement) =>
      fireEvent(target, new Event(type, { bubbles: true, cancelable: true }));
    drag('dragstart', row('Beta'));
    drag('dragover', row('Gamma'));
    drag('drop', row('Gamma'));
    await waitFor(() => expect(shown()).toEqual(['Beta', 'Gamma', 'Alpha']));
    await waitFor(async () =>
      expect((await fake.accounts()).map((a) => a.params.issuer)).toEqual([
        'Beta',
        'Gamma',
        'Alpha',
      ]),
    );
  });

  it('undoes a delete with the very same record, below the list', async () => {
    const { fake } = await renderPopup({ accounts: ACCOUNTS });
    await screen.findByRole('list', { name: 'Accounts' });
    const alpha = fake.ids[1] as AccountId;
    const before = await fake.account(alpha);

    fireEvent.click(button('Edit Alpha (a)'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete account' }));
    await waitFor(() => expect(shown()).toEqual(['Gamma', 'Beta']));
    expect(
      await screen.findByText('Deleted Alpha (a)', { selector: '.undo-message' }),
    ).toBeTruthy();
    // Outside the list: the bar never covers a row.
    expect(accountList().contains(button('Undo'))).toBe(false);

    fireEvent.click(button('Undo'));
    await waitFor(() => expect(shown()).toEqual(['Gamma', 'Alpha', 'Beta']));
    expect(await fake.account(alpha)).toEqual(before);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Copy code for Alpha a')));
  });
});

describe('a listing asked for before a move', () => {
  // 20 s into a 30 s step: the popup asks for the step after's codes 15 s after the boundary.
  const start = 1_700_000_030_000;
  const refreshAt = Math.ceil(start / 30_000) * 30_000 + 15_100;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(start);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not undo the move when its answer comes after it, and is asked for again', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const { fake } = await renderPopup({ accounts: ACCOUNTS }, (background) => {
      // The first timed listing is made at once, in the old order, and answered only later.
      const send = background.mock.getMockImplementation()!;
      background.mock.mockImplementation(async (name, data) => {
        const reply = send(name, data);
        if (name === 'listCodes' && holding) {
          holding = false;
          await held;
        }
        return reply;
      });
    });
    await advance(0);
    await advance(refreshAt - start);
    expect(fake.calls('listCodes')).toBe(1);

    const gamma = button('Copy code for Gamma g');
    gamma.focus();
    fireEvent.keyDown(gamma, { key: 'ArrowDown', altKey: true });
    await advance(0);
    expect(shown()).toEqual(['Alpha', 'Gamma', 'Beta']);

    release();
    await advance(0);
    expect(shown()).toEqual(['Alpha', 'Gamma', 'Beta']);
    // Asked again once the move was stored: the list and the disk agree.
    expect(fake.calls('listCodes')).toBeGreaterThan(1);
    expect((await fake.accounts()).map((a) => a.params.issuer)).toEqual(['Alpha', 'Gamma', 'Beta']);
  });
});
