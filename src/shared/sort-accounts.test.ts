import { orderBetween, orderForMove, sortAccounts } from './sort-accounts';

interface Entry {
  id: string;
  issuer?: string;
  account: string;
  pinned: boolean;
  order: number;
  usedAtMs?: number;
}

const entry = (id: string, over: Partial<Entry> = {}): Entry => ({
  id,
  account: id,
  pinned: false,
  order: 0,
  ...over,
});

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('sortAccounts', () => {
  const list = [
    entry('b', { issuer: 'beta', order: 0, usedAtMs: 10 }),
    entry('a', { issuer: 'Alpha', order: 1 }),
    entry('c', { issuer: 'charlie', order: 2, pinned: true }),
    entry('d', { issuer: 'delta', order: 3, usedAtMs: 30 }),
    entry('e', { issuer: 'echo', order: -1, pinned: true, usedAtMs: 5 }),
  ];

  it('puts pinned accounts first, each part in the chosen order', () => {
    expect(ids(sortAccounts(list, 'manual'))).toEqual(['e', 'c', 'b', 'a', 'd']);
    expect(ids(sortAccounts(list, 'name'))).toEqual(['c', 'e', 'a', 'b', 'd']);
    expect(ids(sortAccounts(list, 'recent'))).toEqual(['e', 'c', 'd', 'b', 'a']);
  });

  it('sorts names without regard to case, numbers as numbers, and leaves its input alone', () => {
    const named = [entry('x', { account: 'site 10' }), entry('y', { account: 'Site 9' })];
    expect(ids(sortAccounts(named, 'name'))).toEqual(['y', 'x']);
    expect(ids(named)).toEqual(['x', 'y']);
  });

  it('tells two accounts of one issuer apart by their account name', () => {
    const same = [
      entry('bob', { issuer: 'Git', account: 'bob', order: 0 }),
      entry('al', { issuer: 'Git', account: 'al', order: 1 }),
    ];
    expect(ids(sortAccounts(same, 'name'))).toEqual(['al', 'bob']);
  });
});

describe('orderForMove', () => {
  // Sorted by hand: two pinned, then three others.
  const list = [
    entry('p1', { pinned: true, order: 7 }),
    entry('p2', { pinned: true, order: 9 }),
    entry('a', { order: 0 }),
    entry('b', { order: 1 }),
    entry('c', { order: 2 }),
  ];
  const placeAt = (id: string, to: number) => {
    const order = orderForMove(list, id, to);
    if (order === undefined) return undefined;
    const moved = list.map((x) => (x.id === id ? { ...x, order } : x));
    return ids(sortAccounts(moved, 'manual'));
  };

  it('gives an order that lands the account where it was dropped', () => {
    expect(placeAt('c', 2)).toEqual(['p1', 'p2', 'c', 'a', 'b']);
    expect(placeAt('a', 3)).toEqual(['p1', 'p2', 'b', 'a', 'c']);
    expect(placeAt('a', 4)).toEqual(['p1', 'p2', 'b', 'c', 'a']);
    expect(placeAt('p2', 0)).toEqual(['p2', 'p1', 'a', 'b', 'c']);
  });

  it('keeps an account in its own part and refuses a move that goes nowhere', () => {
    expect(placeAt('a', 0)).toBeUndefined();
    expect(placeAt('p2', 4)).toBeUndefined();
    expect(placeAt('p1', 1)).toEqual(['p2', 'p1', 'a', 'b', 'c']);
    expect(orderForMove(list, 'missing', 0)).toBeUndefined();
  });
});

describe('orderBetween', () => {
  it('is strictly between its neighbours, or past the one end given', () => {
    expect(orderBetween(1, 2)).toBe(1.5);
    expect(orderBetween(undefined, 0.5)).toBe(-1);
    expect(orderBetween(3.5, undefined)).toBe(4);
    expect(orderBetween()).toBeUndefined();
  });

  it('refuses once the gap has no number left in it', () => {
    expect(orderBetween(1, 1 + Number.EPSILON)).toBeUndefined();
  });
});
