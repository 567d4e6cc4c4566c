import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountView } from '../../messaging';
import { orderForMove } from '../sort-accounts';

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

const idOf = (target: EventTarget | null) =>
  (target as HTMLElement | null)?.closest<HTMLElement>('[data-account-id]')?.dataset.accountId;

/**
 * Moving accounts by hand, for a list's container: Alt+ArrowUp / Alt+ArrowDown on a row moves
 * it one place, and a row dragged onto another takes that row's place (HTML drag and drop in
 * `container`; rows must be `draggable`). Every move goes through `onMove` with the new order.
 */
export function useReorder(options: ReorderOptions) {
  const { enabled, lists, onMove } = options;
  const dragged = useRef<string | undefined>(undefined);

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

  // Native listeners on the container: Preact's `onDragStart` props depend on the DOM's
  // `ondragstart` properties, which not every DOM the tests run on has.
  const latest = useRef({ listOf, moveTo });
  latest.current = { listOf, moveTo };
  const { container } = options;
  // A layout effect: the listeners are in place as soon as the rows are, not a frame later.
  useLayoutEffect(() => {
    if (!enabled) return;
    // Heard on the document, for rows inside the container only: the container itself comes
    // and goes with the listing.
    const inside = (event: Event) => container.current?.contains(event.target as Node) === true;
    const onDragStart = (event: DragEvent) => {
      dragged.current = idOf(event.target);
      if (!dragged.current) return;
      // Firefox starts a drag only with some data set.
      event.dataTransfer?.setData('text/plain', dragged.current);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    };
    const sameList = (target: EventTarget | null) => {
      const { listOf } = latest.current;
      const list = listOf(dragged.current);
      return list !== undefined && list === listOf(idOf(target));
    };
    // Dropping is allowed only onto a row of the dragged row's own list.
    const onDragOver = (event: DragEvent) => {
      if (sameList(event.target)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const from = dragged.current;
      const onto = idOf(event.target);
      const list = latest.current.listOf(from);
      const ok = from !== undefined && sameList(event.target);
      dragged.current = undefined;
      if (!ok || !list) return;
      event.preventDefault();
      latest.current.moveTo(
        from,
        list.findIndex((a) => a.id === onto),
      );
    };
    const onDragEnd = () => {
      dragged.current = undefined;
    };
    const listeners = {
      dragstart: onDragStart,
      dragover: onDragOver,
      drop: onDrop,
      dragend: onDragEnd,
    };
    const wrapped = Object.entries(listeners).map(([name, listener]) => {
      const onEvent = (event: Event) => {
        if (inside(event)) listener(event as DragEvent);
      };
      document.addEventListener(name, onEvent);
      return [name, onEvent] as const;
    });
    return () => {
      for (const [name, onEvent] of wrapped) document.removeEventListener(name, onEvent);
    };
  }, [enabled, container]);

  return { onKeyDown };
}
