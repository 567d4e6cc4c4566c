import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

/**
 * The popup's countdown clock: background time (ms) as of its last tick, once a second. Only
 * the components that read it hear a tick, and each re-renders only when what it shows
 * changes, so a tick costs the countdowns, not the list.
 */
export interface SecondClock {
  /** Background time at the last tick. */
  at(): number;
  subscribe(listener: () => void): () => void;
}

/** A {@link SecondClock} and the hand that moves it. */
export interface SecondClockControl extends SecondClock {
  /** Moves the clock to background time `at` and tells every reader. */
  set(at: number): void;
}

export function secondClock(start: number): SecondClockControl {
  let now = start;
  const listeners = new Set<() => void>();
  return {
    at: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(at) {
      now = at;
      listeners.forEach((listener) => listener());
    },
  };
}

/**
 * `read(clock time)`, kept current: the component re-renders on a tick only when the value
 * differs from the one it last rendered (by `same`, `Object.is` unless given).
 */
export function useClockValue<T>(
  clock: SecondClock,
  read: (at: number) => T,
  same: (a: T, b: T) => boolean = Object.is,
): T {
  const value = read(clock.at());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const latest = useRef({ read, value, same });
  latest.current = { read, value, same };
  // Before the paint, and checked once at once: a clock moved between this render and the
  // subscription (a row drawn just before a period boundary) must not leave a stale value.
  useLayoutEffect(() => {
    const check = () => {
      const { read, value, same } = latest.current;
      if (!same(read(clock.at()), value)) rerender(undefined);
    };
    const stop = clock.subscribe(check);
    check();
    return stop;
  }, [clock]);
  return value;
}
