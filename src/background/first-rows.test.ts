import type { Account } from '../vault';
import { firstListedRows, rowLimit } from './first-rows';

/** An account as the open vault holds it, with only what the list's order looks at. */
function account(
  id: string,
  order: number,
  over: { issuer?: string; pinned?: boolean; usedAt?: number; state?: Account['state'] } = {},
): Account {
  return {
    id,
    order,
    pinned: over.pinned ?? false,
    state: over.state ?? 'verified',
    ...(over.usedAt === undefined ? {} : { usedAt: over.usedAt }),
    params: { issuer: over.issuer ?? id, account: `${id}@example.com` },
  } as unknown as Account;
}

const ids = (rows: readonly Account[]) => rows.map((row) => row.id);

describe('firstListedRows', () => {
  // Stored order: c, a, d, b, e; by name: a, b, c, d, e.
  const stored = [
    account('c', 1),
    account('a', 2),
    account('d', 3),
    account('b', 4, { usedAt: 10 }),
    account('e', 5, { usedAt: 20 }),
  ];

  it('sends a longer list’s first rows as the popup lists them, and counts the rest', () => {
    expect(firstListedRows(stored, 'manual', 2)).toEqual({
      rows: [stored[0], stored[1]],
      unsent: 3,
    });
    expect(ids(firstListedRows(stored, 'name', 3).rows)).toEqual(['a', 'b', 'c']);
    expect(ids(firstListedRows(stored, 'recent', 3).rows)).toEqual(['e', 'b', 'c']);
  });

  it('puts pinned accounts first, as the popup does', () => {
    const pinned = [...stored, account('z', 6, { pinned: true })];
    expect(ids(firstListedRows(pinned, 'name', 2).rows)).toEqual(['z', 'a']);
    expect(firstListedRows(pinned, 'name', 2).unsent).toBe(4);
  });

  it('leaves replaced accounts out of the first rows and out of the count', () => {
    const withReplaced = [account('r', 0, { state: 'replaced' }), ...stored];
    expect(firstListedRows(withReplaced, 'manual', 2)).toEqual({
      rows: [stored[0], stored[1]],
      unsent: 3,
    });
  });

  it('sends every account, replaced ones too, when no more are listed than asked for', () => {
    const withReplaced = [account('r', 0, { state: 'replaced' }), ...stored];
    expect(firstListedRows(withReplaced, 'name', 5)).toEqual({ rows: withReplaced, unsent: 0 });
    expect(firstListedRows(stored, 'name', 50)).toEqual({ rows: stored, unsent: 0 });
  });
});

describe('rowLimit', () => {
  it('takes a whole number of rows from 1, and anything else as "every row"', () => {
    expect(rowLimit(100)).toBe(100);
    expect(rowLimit(1)).toBe(1);
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, '100', null, undefined, {}]) {
      expect(rowLimit(bad)).toBeUndefined();
    }
  });
});
