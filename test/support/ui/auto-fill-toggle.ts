import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';
import type { TestBackground } from './background';

/**
 * Finds "Fill automatically on <origin>", checks it starts off, and turns it on and off,
 * checking each time that the background's choice is exactly that origin, then none.
 */
export async function expectAutoFillToggle(fake: TestBackground, origin: string): Promise<void> {
  const name = `Fill automatically on ${origin}`;
  const toggle = (await screen.findByRole('checkbox', { name })) as HTMLInputElement;
  expect(toggle.checked).toBe(false);
  for (const origins of [[origin], []]) {
    fireEvent.click(toggle);
    await waitFor(async () =>
      expect(await fake.elsewhere('getAutoFillSites', {})).toEqual({ origins }),
    );
    expect(toggle.checked).toBe(origins.length > 0);
  }
}
