import { act, render, screen, within } from '@testing-library/preact';
import { vi } from 'vitest';
import { App } from '../app';
import { createFakeBackground, type FakeBackgroundOptions } from './fake-background';

/**
 * Renders the popup against an in-memory background, a fake clipboard and a fake "open the
 * options page". `setup` runs before the first render, e.g. to make the first request fail.
 */
export function renderPopup(
  options: FakeBackgroundOptions = {},
  setup?: (fake: ReturnType<typeof createFakeBackground>) => void,
) {
  const fake = createFakeBackground(options);
  setup?.(fake);
  const clipboard = { writeText: vi.fn(async (_text: string) => {}) };
  const openOptions = vi.fn(async () => {});
  const result = render(<App send={fake.send} clipboard={clipboard} openOptions={openOptions} />);
  return { ...result, fake, clipboard, openOptions };
}

/**
 * Lets fake timers run for `ms`, then settles: a request answered along the way renders only
 * after a few more rounds of promises and Preact's deferred renders, none of which take time.
 */
export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  for (let round = 0; round < 3; round += 1) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/** The account list. */
export const accountList = () => screen.getByRole('list', { name: 'Accounts' });

/** The row of the account whose visible text includes `text`. */
export function row(text: string): HTMLElement {
  const rows = within(accountList()).getAllByRole('listitem');
  const found = rows.find((item) => item.textContent?.includes(text));
  if (!found) throw new Error(`no account row shows "${text}"`);
  return found;
}

/** The raw digits a row shows. */
export const codeIn = (item: HTMLElement) => within(item).getByTestId('code').dataset.code;
