// @vitest-environment happy-dom
import { act, fireEvent, render, screen } from '@testing-library/preact';
import { accountView } from '../../../test/support/account-view';
import type { AccountView } from '../../messaging';
import { groupCode } from '../format';
import { secondClock } from '../hooks/second-clock';
import { shownCode } from '../shown-code';
import { AccountRow } from './account-row';

// A row lays out the next step's code, hidden, in a second place beside its code (RowCodes).
// Whatever the listings and the clock do to a row, only the clock's code may be seen, copied
// or read out: never the place laid out ahead, nor a code the row held for an earlier listing.

/** Numbers from `seed`, the same each run (a linear congruential generator). */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The text of the elements `element`'s aria-describedby names, as a screen reader joins it. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('a row’s code', () => {
  it('is the clock’s, and the only one to be seen, copied or read, through any listings and clock moves', async () => {
    for (let seed = 1; seed <= 150; seed += 1) {
      const random = randomFrom(seed);
      const pick = <T,>(choices: readonly T[]) => choices[Math.floor(random() * choices.length)]!;
      const clock = secondClock(1_700_000_000_000);
      let made = 0;
      // A listing's view of the row's account (the same id): edited, restarted, late or stale.
      const listed = (): AccountView => {
        const type = pick(['totp', 'totp', 'steam', 'hotp'] as const);
        const period = pick([30, 60]);
        const digits = type === 'steam' ? 5 : pick([6, 8]);
        const code = () => String((made += 1)).padStart(digits, '0');
        if (type === 'hotp') return accountView({ type, digits, period, code: code() });
        const stepEnd = (Math.floor(clock.at() / (period * 1000)) + 1) * period * 1000;
        return accountView({
          type,
          digits,
          period,
          code: code(),
          // Off the step's end too: a listing from a background whose clock was corrected.
          validUntilMs: pick([stepEnd, stepEnd, stepEnd + 1234, clock.at() + 500]),
          ...(random() < 0.8 ? { nextCode: code() } : {}),
        });
      };
      let account = listed();
      const copied: string[] = [];
      const draw = () => (
        <ul>
          <AccountRow
            account={account}
            clock={clock}
            copied={random() < 0.2}
            onCopy={(current) => copied.push(current.code)}
            onNextCode={() => {}}
            onEdit={() => {}}
          />
        </ul>
      );
      const { container, rerender, unmount } = render(draw());

      for (let move = 0; move < 40; move += 1) {
        const roll = random();
        await act(() => {
          if (roll < 0.5) clock.set(clock.at() + Math.floor(random() * 40_000));
          else if (roll < 0.6) clock.set(clock.at() - Math.floor(random() * 3_000));
          else {
            account = listed();
            rerender(draw());
          }
        });
        const expected = shownCode(account, clock.at());
        const where = `seed ${seed}, move ${move}`;

        const [code, ...more] = Array.from(container.querySelectorAll('[data-testid="code"]'));
        expect(more, where).toEqual([]);
        expect((code as HTMLElement).dataset.code, where).toBe(expected.code);
        expect(code!.textContent, where).toBe(groupCode(expected.code));
        expect(code!.classList.contains('is-stale'), where).toBe(expected.stale);
        const next = container.querySelector('[data-testid="next-code"]');
        expect((next as HTMLElement | null)?.dataset.nextCode, where).toBe(expected.next);
        // Everything else in the codes' cell is hidden, and named by no id.
        for (const other of Array.from(container.querySelectorAll('.account-codes > *'))) {
          if (other === code || other === next) continue;
          expect(other.classList.contains('is-ahead'), where).toBe(true);
          expect(other.id, where).toBe('');
        }

        const copy = screen.getByRole('button', { name: 'Copy code for alice' });
        const read = description(copy);
        expect(read.startsWith(groupCode(expected.code)), where).toBe(true);
        expect(read.includes('Next'), where).toBe(expected.next !== undefined);
        fireEvent.click(copy);
        expect(copied.at(-1), where).toBe(expected.code);
      }
      unmount();
    }
  });
});
