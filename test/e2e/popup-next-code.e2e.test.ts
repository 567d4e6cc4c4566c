import { expect, it } from 'vitest';
import { totp } from '../support/totp-oracle';
import { makeTestAccounts, otpauthUri } from './support/accounts';
import { describePopupSuite } from './support/popup-suite';
import { waitFor } from './support/wait';

// In a code's last 5 seconds the popup shows the next one beside it (issue 10), sent by the
// background with the current one; at the boundary it becomes the code, with no stale code.

/** The row of the one account, read in one go so its values belong together. */
interface RowReading {
  secondsLeft: number;
  code: string | null;
  next: string | null;
  nextText: string | null;
  nextVisible: boolean;
  /** What the code's cell shows (innerText leaves out what is hidden), spaces removed. */
  shownText: string;
  fontPx: number;
  beforeMs: number;
  afterMs: number;
}

const READ_ROW = `(() => {
  const row = document.querySelector('li[data-account-id]');
  // The list's one countdown: this account has the usual 30 s period.
  const countdown = document.querySelector('[data-testid="countdown"]');
  const next = row && row.querySelector('[data-testid="next-code"]');
  const box = next && next.getBoundingClientRect();
  return {
    secondsLeft: countdown ? Number(countdown.getAttribute('data-seconds-left')) : -1,
    code: row && row.querySelector('[data-testid="code"]').getAttribute('data-code'),
    next: next && next.getAttribute('data-next-code'),
    nextText: next && next.textContent,
    nextVisible: Boolean(box && box.width > 0 && box.height > 0),
    shownText: row ? row.querySelector('.account-codes').innerText.replace(/\\s+/g, '') : '',
    fontPx: next ? parseFloat(getComputedStyle(next).fontSize) : 0,
  };
})()`;

describePopupSuite('the next code in %s', ({ withVault }) => {
  it('shows beside the code in its last 5 seconds, then takes its place', async () => {
    const { popup } = await withVault();
    const { byUri: account } = makeTestAccounts();
    await popup.addByUri(otpauthUri(account));

    const read = async (): Promise<RowReading> => {
      const beforeMs = Date.now();
      const row = await popup.evaluate<Omit<RowReading, 'beforeMs' | 'afterMs'>>(READ_ROW);
      return { ...row, beforeMs, afterMs: Date.now() };
    };

    // Up to a whole step (30 s) until the last 5 seconds come round.
    const inLastSeconds = await waitFor(
      async () => {
        const row = await read();
        return row.secondsLeft > 0 && row.secondsLeft <= 4 && row.next !== null && row;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the last seconds of a step, next code shown' },
    );
    // The next code is the one of the step after whatever instant the read happened at.
    const nextCandidates = [inLastSeconds.beforeMs, inLastSeconds.afterMs].map((t) =>
      totp(account, t + 30_000),
    );
    expect(nextCandidates).toContain(inLastSeconds.next);
    expect(inLastSeconds.next).not.toBe(inLastSeconds.code);
    expect(inLastSeconds.nextText?.replace(/\s+/g, '')).toBe(`Next${inLastSeconds.next}`);
    expect(inLastSeconds.nextVisible, 'the next code is on screen').toBe(true);
    expect(inLastSeconds.fontPx, 'readable, not a 9 px footnote').toBeGreaterThanOrEqual(11);
    // The next code is also laid out, hidden, in the code's own place: only the code and the
    // next-code line are to be seen.
    expect(inLastSeconds.shownText).toBe(`${inLastSeconds.code}Next${inLastSeconds.next}`);

    // After the boundary the shown code is the one previewed, and the preview is gone.
    const after = await waitFor(
      async () => {
        const row = await read();
        return row.code !== inLastSeconds.code && row;
      },
      { timeoutMs: 20_000, what: 'the code after the boundary' },
    );
    expect(after.code).toBe(inLastSeconds.next);
    expect(after.secondsLeft).toBeGreaterThan(5);
    expect(after.next).toBeNull();
    // Neither the old code nor the hidden next-code line shows through.
    expect(after.shownText).toBe(after.code);
  });
});
