// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import {
  accountList,
  advance,
  codeIn,
  renderPopup,
  row,
} from '../../../test/support/ui/render-popup';
import { groupCode } from '../format';
import type * as codesPage from './codes-page';
import { VIRTUAL_MIN_ROWS } from '../long-list';
import type { CodesPageProps } from './codes-page';

// A period boundary must cost only the drawn rows' codes (issue 10): the page, the list and
// the rows around the codes are not drawn again, and yet no row shows the old step's code.

const renders = vi.hoisted(() => ({ page: 0 }));

// The page, counted each time it is drawn: at a boundary, that would draw every row again.
vi.mock('./codes-page', async (importOriginal) => {
  const actual = await importOriginal<typeof codesPage>();
  return {
    ...actual,
    CodesPage(props: CodesPageProps) {
      renders.page += 1;
      return actual.CodesPage(props);
    },
  };
});

/** The DOM changes in the list from now on, each named by where it happened. */
function watchList(): () => string[] {
  const changes: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const where = target?.closest('[data-testid="code"], .account-codes, li, ul');
      const kind = record.type === 'attributes' ? `@${record.attributeName}` : record.type;
      changes.push(`${where?.getAttribute('data-testid') ?? where?.className ?? '?'} ${kind}`);
    }
  });
  observer.observe(accountList(), {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  return () => {
    observer.disconnect();
    return [...new Set(changes)].sort();
  };
}

/**
 * The boundary changed attributes of the codes' elements and nothing else: no text, no element
 * added or removed, so the browser has nothing to lay out again (the next step's codes were
 * laid out, hidden, when the listing came).
 */
function expectOnlyAttributesOfCodes(changes: string[]) {
  expect(changes).toContain('code @data-code');
  for (const change of changes) expect(change).toMatch(/^(code|account-codes) @/);
}

describe('at a period boundary', () => {
  // 20 s into a 30 s step (10 s left) by the popup's clock, which is the background's here.
  const start = 1_700_000_030_000;
  const boundary = Math.ceil(start / 30_000) * 30_000;

  beforeEach(() => {
    renders.page = 0;
    vi.useFakeTimers();
    vi.setSystemTime(start);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('switches every row to its next code in the boundary’s own task, drawing only the codes', async () => {
    const { fake, clipboard } = await renderPopup({
      accounts: [
        { issuer: 'GitHub', account: 'alice' },
        { issuer: 'Steam', account: 'gamer', type: 'steam', digits: 5 },
        { issuer: 'Bank', account: 'me', type: 'hotp' },
      ],
    });
    await advance(0);
    const [github, steam] = [fake.ids[0]!, fake.ids[1]!];
    const at = (id: string, ms: number) => fake.codeOf(id, ms);
    expect(codeIn(row('GitHub'))).toBe(await at(github, start));
    const bankCode = codeIn(row('Bank'));

    // The last seconds: each time-based row shows its next code beside the current one.
    await advance(boundary - 1_000 - start);
    expect(within(row('GitHub')).getByTestId('next-code').dataset.nextCode).toBe(
      await at(github, boundary),
    );
    expect(within(row('Steam')).getByTestId('next-code').dataset.nextCode).toBe(
      await at(steam, boundary),
    );

    renders.page = 0;
    const changes = watchList();
    // Up to a millisecond before the boundary, the old codes; at the boundary itself, the new.
    await advance(boundary - 1 - Date.now());
    expect(codeIn(row('GitHub'))).toBe(await at(github, start));
    await advance(1);
    expect(Date.now()).toBe(boundary);
    expect(codeIn(row('GitHub'))).toBe(await at(github, boundary));
    expect(codeIn(row('Steam'))).toBe(await at(steam, boundary));
    expect(codeIn(row('Bank'))).toBe(bankCode);
    expect(screen.queryAllByTestId('next-code')).toEqual([]);
    expect(within(row('GitHub')).getByTestId('code').className).not.toContain('is-stale');
    expect(screen.getByTestId('countdown').dataset.secondsLeft).toBe('30');

    // The code shown is the one its place holds, whose text was laid out before the boundary.
    expect(within(row('GitHub')).getByTestId('code').textContent).toBe(
      groupCode(await at(github, boundary)),
    );

    // Only the codes changed: the page was not drawn again, nor any row around its codes.
    expect(renders.page).toBe(0);
    expectOnlyAttributesOfCodes(changes());
    expect(fake.calls('listCodes')).toBe(0);

    // Copying takes the code shown, the new one.
    fireEvent.click(screen.getByRole('button', { name: 'Copy code for GitHub alice' }));
    await advance(0);
    expect(clipboard.writeText).toHaveBeenLastCalledWith(await at(github, boundary));
  });

  it('keeps the codes right after the boundary, through the mid-step listing and the next boundary', async () => {
    const { fake } = await renderPopup({ accounts: [{ issuer: 'GitHub', account: 'alice' }] });
    await advance(0);
    const id = fake.ids[0]!;
    await advance(boundary - start);
    expect(codeIn(row('GitHub'))).toBe(await fake.codeOf(id, boundary));

    // Half a step in, the popup asks for the step after; that listing draws the page once.
    renders.page = 0;
    await advance(15_100);
    expect(fake.calls('listCodes')).toBe(1);
    expect(codeIn(row('GitHub'))).toBe(await fake.codeOf(id, boundary));
    expect(renders.page).toBeGreaterThan(0);

    renders.page = 0;
    await advance(boundary + 30_000 - Date.now());
    expect(codeIn(row('GitHub'))).toBe(await fake.codeOf(id, boundary + 30_000));
    expect(renders.page).toBe(0);
  });

  it('switches the drawn rows of a long list without drawing the list again', async () => {
    const many = Array.from({ length: VIRTUAL_MIN_ROWS + 50 }, (_, i) => ({
      issuer: `Site ${String(i).padStart(3, '0')}`,
      account: `person${i}@example.com`,
    }));
    const { fake } = await renderPopup({ accounts: many });
    await advance(0);
    const drawn = () => within(accountList()).getAllByRole('listitem');
    const ids = () => drawn().map((item) => item.dataset.accountId!);
    const before = ids();
    expect(before.length).toBeLessThan(many.length / 2);

    await advance(boundary - 1 - start);
    renders.page = 0;
    const changes = watchList();
    await advance(1);
    expect(ids()).toEqual(before);
    for (const item of drawn()) {
      expect(codeIn(item)).toBe(await fake.codeOf(item.dataset.accountId!, boundary));
    }
    expect(renders.page).toBe(0);
    expectOnlyAttributesOfCodes(changes());
  });
});
