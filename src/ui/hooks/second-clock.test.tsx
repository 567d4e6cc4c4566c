// @vitest-environment happy-dom
import { act, render } from '@testing-library/preact';
import {
  secondClock,
  useClockValue,
  type SecondClock,
  type SecondClockControl,
} from './second-clock';

// A tick must cost only the components whose shown value changes (issue 10): a row that
// reads "is my code in its last 5 seconds?" renders again twice a step, not every second.

function Phase({ clock, renders }: { clock: SecondClock; renders: string[] }) {
  const late = useClockValue(clock, (at) => at % 30_000 >= 25_000);
  renders.push(late ? 'late' : 'early');
  return <p>{late ? 'late' : 'early'}</p>;
}

it('re-renders a reader only when the value it reads changes', async () => {
  const clock = secondClock(0);
  const renders: string[] = [];
  const { container } = render(<Phase clock={clock} renders={renders} />);
  for (let second = 1; second <= 31; second++) await act(() => clock.set(second * 1000));
  expect(container.textContent).toBe('early');
  expect(renders).toEqual(['early', 'late', 'early']);
});

it('stops telling a reader once it is gone', async () => {
  const clock = secondClock(0);
  const renders: string[] = [];
  const { unmount } = render(<Phase clock={clock} renders={renders} />);
  unmount();
  await act(() => clock.set(26_000));
  expect(renders).toEqual(['early']);
});

function Pair({ clock, renders }: { clock: SecondClock; renders: number[] }) {
  // A new object on every read: only `same` can tell that nothing changed.
  const pair = useClockValue(
    clock,
    (at) => ({ step: Math.floor(at / 30_000) }),
    (a, b) => a.step === b.step,
  );
  renders.push(pair.step);
  return <p>{pair.step}</p>;
}

it('compares by the given comparison when there is one', async () => {
  const clock = secondClock(0);
  const renders: number[] = [];
  const { container } = render(<Pair clock={clock} renders={renders} />);
  for (let second = 1; second <= 61; second++) await act(() => clock.set(second * 1000));
  expect(container.textContent).toBe('2');
  expect(renders).toEqual([0, 1, 2]);
});

/** Moves the clock while its page renders, after the readers before it have rendered. */
function MoveClock({ clock, to }: { clock: SecondClockControl; to: number }) {
  clock.set(to);
  return null;
}

it('catches a tick between a reader’s render and its subscription', async () => {
  const clock = secondClock(0);
  const renders: string[] = [];
  const { container } = render(
    <>
      <Phase clock={clock} renders={renders} />
      <MoveClock clock={clock} to={26_000} />
    </>,
  );
  await act(() => {});
  expect(container.textContent).toBe('late');
  expect(renders).toEqual(['early', 'late']);
});
