/**
 * Makes the `n`th `IDBObjectStore.add` call from now on throw, as a full disk or a value
 * that cannot be cloned would. Returns how many adds were attempted so far. Undone by
 * vitest's `restoreMocks`.
 */
export function failNthAdd(n: number): () => number {
  const add = IDBObjectStore.prototype.add;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['add']>
  ) {
    if (++calls === n) throw new DOMException('disk full', 'QuotaExceededError');
    return add.apply(this, args);
  });
  return () => calls;
}
