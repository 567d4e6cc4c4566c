import { act, render, screen, within } from '@testing-library/preact';
import { vi } from 'vitest';
import { App } from '../../../src/ui/app';
import { startTestBackground, type BackgroundOptions, type TestBackground } from './background';

/** How the popup starts. */
export interface PopupOptions {
  /** Opens on the early script's request for this many first rows, not on a request of its own. */
  openingRows?: number;
}

/** The background of the popup rendered last, so {@link advance} knows what it waits for. */
let current: TestBackground | undefined;

/**
 * Renders the popup against the real background in memory (see {@link startTestBackground}),
 * a fake clipboard and fakes of "open the options page" and "open Backup & import". `setup` runs before the first render,
 * e.g. to make the first request fail.
 */
export async function renderPopup(
  options: BackgroundOptions = {},
  setup?: (fake: TestBackground) => void,
  popup: PopupOptions = {},
) {
  const fake = await startTestBackground(options);
  current = fake;
  setup?.(fake);
  const clipboard = { writeText: vi.fn(async (_text: string) => {}) };
  const openOptions = vi.fn(async () => {});
  const openBackup = vi.fn(async () => {});
  // As the popup's early script asks: a long list's first rows only (see OPENING_ROWS).
  const opening =
    popup.openingRows === undefined
      ? undefined
      : {
          sentAt: Date.now(),
          state: fake.send('getVaultState', { withCodes: true, firstRows: popup.openingRows }),
        };
  const result = render(
    <App
      send={fake.send}
      {...(opening && { opening })}
      clipboard={clipboard}
      openOptions={openOptions}
      openBackup={openBackup}
    />,
  );
  return { ...result, fake, clipboard, openOptions, openBackup };
}

// Taken before any test fakes the timers: WebCrypto answers on Node's thread pool, which fake
// timers neither run nor wait for.
const realImmediate = setImmediate;

/**
 * Lets fake timers run for `ms`, then settles: a request answered along the way renders only
 * once the background's crypto has finished and a few rounds of promises and Preact's
 * deferred renders have run, none of which take fake time.
 */
export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  for (let round = 0; round < 3 || current?.busy(); round += 1) {
    await act(async () => {
      await new Promise((resolve) => realImmediate(resolve));
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/** The account list. */
export const accountList = () => screen.getByRole('list', { name: 'Accounts' });

/** The row of the account whose names (issuer, account, site) include `text`. */
export function row(text: string): HTMLElement {
  const rows = within(accountList()).getAllByRole('listitem');
  // By the names it shows, not its codes: a row holds its hidden next codes' text too.
  const found = rows.find((item) =>
    item.querySelector('.account-text')?.textContent?.includes(text),
  );
  if (!found) throw new Error(`no account row is named "${text}"`);
  return found;
}

/** The raw digits a row shows. */
export const codeIn = (item: HTMLElement) => within(item).getByTestId('code').dataset.code;
