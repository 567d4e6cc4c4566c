// @vitest-environment happy-dom
import { fireEvent, within } from '@testing-library/preact';
import { accountList, advance, renderPopup } from '../../../test/support/ui/render-popup';
import { OPENING_DRAWN_ROWS } from '../long-list';

// A list drawn whole draws the rows that fill the popup before its first paint, and the rest
// just after it (issue 10); meanwhile the rows drawn tell the list's whole length.

const COUNT = OPENING_DRAWN_ROWS + 8;
const accounts = Array.from({ length: COUNT }, (_, i) => {
  const n = String(i).padStart(2, '0');
  return { issuer: `Site ${n}`, account: `person${n}@example.com` };
});

const drawnRows = () => within(accountList()).getAllByRole('listitem');
const titles = () => drawnRows().map((item) => item.querySelector('.account-title')?.textContent);

describe('the first frame of a list drawn whole', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the rows that fill the popup with the list’s length, then every row', async () => {
    await renderPopup({ accounts });
    // The listing came; no frame has been drawn yet.
    await advance(0);
    expect(titles()).toEqual(accounts.slice(0, OPENING_DRAWN_ROWS).map((a) => a.issuer));
    drawnRows().forEach((item, index) => {
      expect(item.getAttribute('aria-posinset')).toBe(String(index + 1));
      expect(item.getAttribute('aria-setsize')).toBe(String(COUNT));
      expect(item.querySelector('[data-testid="code"]')?.getAttribute('data-code')).toMatch(
        /^\d{6}$/,
      );
    });

    // Once a frame has been drawn, every row is in the page, as a list drawn whole is.
    await advance(50);
    expect(titles()).toEqual(accounts.map((a) => a.issuer));
    for (const item of drawnRows()) {
      expect(item.hasAttribute('aria-setsize')).toBe(false);
      expect(item.hasAttribute('aria-posinset')).toBe(false);
    }
  });

  it('draws every row at once for a key that goes past the first ones', async () => {
    await renderPopup({ accounts });
    await advance(0);
    expect(drawnRows()).toHaveLength(OPENING_DRAWN_ROWS);
    fireEvent.keyDown(drawnRows()[0]!.querySelector('.account-copy')!, { key: 'End' });
    await advance(0);
    const focused = document.activeElement?.closest('li');
    expect(focused?.querySelector('.account-title')?.textContent).toBe(accounts.at(-1)!.issuer);
  });

  it('draws a list that fits in the first frame whole at once', async () => {
    await renderPopup({ accounts: accounts.slice(0, OPENING_DRAWN_ROWS) });
    await advance(0);
    expect(drawnRows()).toHaveLength(OPENING_DRAWN_ROWS);
    expect(drawnRows().some((item) => item.hasAttribute('aria-setsize'))).toBe(false);
  });
});
