import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

/**
 * Where a row of a list not wholly drawn sits: for its style (in a {@link VirtualRows} list)
 * and its ARIA position.
 */
export interface RowPlacement {
  /** Pixels from the top of a {@link VirtualRows} list; none in a list that flows. */
  top?: number | undefined;
  /** 1-based position in the whole list (`aria-posinset`). */
  position: number;
  /** Rows in the whole list (`aria-setsize`). */
  total: number;
}

/** Props of {@link VirtualRows}. */
export interface VirtualRowsProps<T> {
  items: readonly T[];
  keyOf(item: T): string;
  /** Rows of one kind (which lines they show) have one height, measured once drawn. */
  kindOf(item: T): string;
  /** Draws one row: an `<li>` that applies `placement` (see {@link placementProps}). */
  render(item: T, placement: RowPlacement): ComponentChildren;
  /** Keys drawn wherever they are (the focused row, a row about to get focus). */
  keep: readonly (string | undefined)[];
  label: string;
  /**
   * Rows the list has after `items` that have not come yet (a long list's first rows came
   * first): the list's height and `aria-setsize` count them already, so the scrollbar and a
   * screen reader tell the true length, and nothing jumps when they come.
   */
  more?: number | undefined;
}

/** Height assumed for a kind of row not yet measured. */
const ESTIMATED_ROW_PX = 56;
/** Drawn beyond the visible part, above and below, so arrow keys and scrolling find rows. */
const OVERSCAN_PX = 240;
/** Visible height assumed before the list can measure it (or where nothing is laid out). */
const INITIAL_VIEW_PX = 600;

/** Attributes an `<li>` of a virtual list needs for its placement. */
export function placementProps(placement: RowPlacement | undefined) {
  if (!placement) return {};
  return {
    ...(placement.top === undefined ? {} : { style: { top: `${placement.top}px` } }),
    'aria-posinset': placement.position,
    'aria-setsize': placement.total,
  };
}

function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

/** First index whose row ends below `y` (offsets ascending, one more entry than rows). */
function firstBelow(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((offsets[mid + 1] ?? 0) > y) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * A long list that draws only the rows in and near view (plus the kept ones), each placed
 * absolutely at its offset, so opening and ticking cost the same at 50 rows as at 5,000.
 * Rows of one kind share a height, measured from the drawn rows; the list keeps its full
 * height, so the scrollbar and `aria-setsize` tell the true length.
 */
export function VirtualRows<T>({
  items,
  keyOf,
  kindOf,
  render,
  keep,
  label,
  more = 0,
}: VirtualRowsProps<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(new Map());
  const [view, setView] = useState({ top: 0, bottom: INITIAL_VIEW_PX });

  const offsets = useMemo(() => {
    const list = new Array<number>(items.length + 1);
    let y = 0;
    list[0] = 0;
    items.forEach((item, index) => {
      y += heights.get(kindOf(item)) ?? ESTIMATED_ROW_PX;
      list[index + 1] = y;
    });
    return list;
  }, [items, heights, kindOf]);

  // Follow the scroll container: the rows in view are computed from where the list sits in it.
  useEffect(() => {
    const list = listRef.current;
    const scroller = list && scrollParent(list);
    if (!list || !scroller) return;
    const update = () => {
      const height = scroller.clientHeight;
      if (height === 0) return; // Not laid out (a test DOM): keep the initial window.
      const top = scroller.getBoundingClientRect().top - list.getBoundingClientRect().top;
      setView((old) =>
        old.top === top && old.bottom === top + height ? old : { top, bottom: top + height },
      );
    };
    update();
    scroller.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      scroller.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);

  const first = firstBelow(offsets, view.top - OVERSCAN_PX);
  const last = Math.min(items.length - 1, firstBelow(offsets, view.bottom + OVERSCAN_PX));
  const drawn: number[] = [];
  for (let index = first; index <= last; index++) drawn.push(index);
  for (const key of keep) {
    if (key === undefined) continue;
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index >= 0 && (index < first || index > last)) drawn.push(index);
  }
  drawn.sort((a, b) => a - b);

  // Measure each kind once it is drawn (a row's lines never wrap, so one row tells them all).
  // Only when other rows are drawn: reading heights makes the browser lay the page out at
  // once, and a tick that only changed codes would pay for that at every period boundary.
  const drawnRef = useRef(drawn);
  drawnRef.current = drawn;
  const measured = useRef<{ items: readonly T[]; drawn: string } | undefined>(undefined);
  useLayoutEffect(() => {
    const children = listRef.current?.children;
    if (!children) return;
    const drawnNow = drawnRef.current.join();
    if (measured.current?.items === items && measured.current.drawn === drawnNow) return;
    measured.current = { items, drawn: drawnNow };
    let changed: Map<string, number> | undefined;
    drawnRef.current.forEach((index, i) => {
      const item = items[index];
      const height = (children[i] as HTMLElement | undefined)?.offsetHeight ?? 0;
      if (item === undefined || height === 0) return;
      const kind = kindOf(item);
      if ((changed ?? heights).get(kind) === height) return;
      changed ??= new Map(heights);
      changed.set(kind, height);
    });
    if (changed) setHeights(changed);
  });

  const total = items.length + more;
  // Rows still to come are as tall as the last one that came.
  const lastItem = items[items.length - 1];
  const moreHeight =
    more * ((lastItem !== undefined && heights.get(kindOf(lastItem))) || ESTIMATED_ROW_PX);
  return (
    <ul
      ref={listRef}
      class="accounts accounts-virtual"
      aria-label={label}
      style={{ height: `${(offsets[items.length] ?? 0) + moreHeight}px` }}
    >
      {drawn.map((index) =>
        render(items[index]!, { top: offsets[index] ?? 0, position: index + 1, total }),
      )}
    </ul>
  );
}
