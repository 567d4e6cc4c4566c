// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { accountList, advance, codeIn, renderPopup } from '../../../test/support/ui/render-popup';
import type { TestBackground } from '../../../test/support/ui/background';
import { OPENING_ROWS } from '../long-list';

// A long list's opening asks for its first rows only, so that the first paint waits for no
// other account's codes; the rest come just after (issue 10).

/** More accounts than the opening asks for, stored in the reverse of their names' order. */
const COUNT = OPENING_ROWS + 30;
const accounts = Array.from({ length: COUNT }, (_, i) => {
  const n = String(COUNT - 1 - i).padStart(3, '0');
  return { issuer: `Site ${n}`, account: `person${n}@example.com` };
});

/**
 * Lets time pass until `check` holds, for at most a second: the held whole listing is answered
 * by the real background, whose crypto the harness's settling does not always see start.
 */
async function settleUntil(check: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < 1000 && !check(); waited += 50) await advance(50);
  return check();
}

/** Makes the whole listing (`listCodes`) wait until `release`: the first rows can be looked at. */
function holdWholeListing() {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const setup = (background: TestBackground) => {
    const send = background.mock.getMockImplementation()!;
    background.mock.mockImplementation(async (name, data) => {
      if (name === 'listCodes') await held;
      return send(name, data);
    });
  };
  return { setup, release };
}

const drawnRows = () => within(accountList()).getAllByRole('listitem');
const titleOf = (item: HTMLElement) => item.querySelector('.account-title')?.textContent;

describe('a long list’s opening', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the first rows by the person’s sort at the list’s whole length, then gets the rest', async () => {
    const hold = holdWholeListing();
    const { fake } = await renderPopup(
      { accounts, settings: { accountSort: 'name' } },
      hold.setup,
      { openingRows: OPENING_ROWS },
    );
    await advance(0);

    // First by name, although stored last; the list already has its whole length.
    const first = drawnRows();
    expect(titleOf(first[0]!)).toBe('Site 000');
    expect(first[0]!.getAttribute('aria-setsize')).toBe(String(COUNT));
    expect(codeIn(first[0]!)).toBe(await fake.codeOf(fake.ids[COUNT - 1]!, Date.now()));
    // Once the first rows show, the popup asks for the rest, and until then searches those.
    await advance(100);
    expect(fake.calls('listCodes')).toBe(1);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'Site 129' } });
    await advance(0);
    expect(screen.queryByRole('listitem')).toBeNull();

    hold.release();
    const found = () => screen.queryAllByRole('listitem').map(titleOf).join() === 'Site 129';
    expect(await settleUntil(found)).toBe(true);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    await advance(0);
    expect(titleOf(drawnRows()[0]!)).toBe('Site 000');
    expect(drawnRows()[0]!.getAttribute('aria-setsize')).toBe(String(COUNT));
  });

  it('lets rows be moved by hand only once the whole list is there', async () => {
    const hold = holdWholeListing();
    const { fake } = await renderPopup({ accounts }, hold.setup, { openingRows: OPENING_ROWS });
    await advance(100);
    const copyButton = () => drawnRows()[0]!.querySelector('.account-copy')!;
    expect(copyButton().hasAttribute('aria-keyshortcuts')).toBe(false);

    hold.release();
    expect(await settleUntil(() => copyButton().hasAttribute('aria-keyshortcuts'))).toBe(true);
    expect(copyButton().getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowUp Alt+ArrowDown');
    expect(fake.calls('listCodes')).toBe(1);
  });
});
