import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { orderForMove } from '../../shared/sort-accounts';
import { listenForDrags } from './reorder-drag';
import { idOf } from './reorder-drag-target';

/** Where a moved account ends up in its part of the list, for the announcement. */
export interface Place {
  /** 1-based. */
  position: number;
  count: number;
}

/** What {@link useReorder} needs. */
export interface ReorderOptions {
  /** Moving is on (sorted by hand). */
  enabled: boolean;
  /** The lists on screen, each sorted by hand; an account moves only within its own. */
  lists: readonly (readonly AccountView[])[];
  onMove(account: AccountView, order: number, place: Place): void;
  /** The element around the lists, where drags are heard. */
  container: RefObject<HTMLElement | null>;
}

/**
 * Moving accounts by hand, for a list's container: Alt+ArrowUp / Alt+ArrowDown on a row moves
 * it one place, and a row dragged onto another takes that row's place (HTML drag and drop in
 * `container`; rows are `draggable` once `draggable` says so). Every move goes through
 * `onMove` with the new order.
 */
export function useReorder(options: ReorderOptions) {
  const { enabled, lists, onMove } = options;

  const listOf = (id: string | undefined) =>
    id === undefined ? undefined : lists.find((list) => list.some((a) => a.id === id));

  /** Moves account `id` to `toIndex` of its list; whether anything moved. */
  function moveTo(id: string, toIndex: number): boolean {
    const list = listOf(id);
    const account = list?.find((a) => a.id === id);
    if (!list || !account) return false;
    const order = orderForMove(list, id, toIndex);
    if (order === undefined) return false;
    onMove(account, order, {
      position: Math.max(0, Math.min(toIndex, list.length - 1)) + 1,
      count: list.length,
    });
    return true;
  }

  /** Handles Alt+ArrowUp/Down; true when the key was a move key (taken, whether it moved). */
  function onKeyDown(event: KeyboardEvent): boolean {
    if (!enabled || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) {
      return false;
    }
    const id = idOf(event.target);
    const index = listOf(id)?.findIndex((a) => a.id === id);
    if (id === undefined || index === undefined) return false;
    event.preventDefault();
    moveTo(id, index + (event.key === 'ArrowUp' ? -1 : 1));
    return true;
  }

  // Rows are draggable from the first render, with the listeners in place as it lands (four
  // document listeners: nothing to wait for). The drag code is part of the popup's first load,
  // under 1 kB: fetched after the first paint, it cost a request and a second render of every
  // row just as the list showed (issue 10).
  const latest = useRef({ listOf, moveTo });
  latest.current = { listOf, moveTo };
  const { container } = options;
  useLayoutEffect(
    () => (enabled ? listenForDrags(container, latest) : undefined),
    [enabled, container],
  );

  return { onKeyDown, draggable: enabled };
}
