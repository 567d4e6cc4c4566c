import type { RefObject } from 'preact';
import type { AccountView } from '../../messaging';
import { idOf } from './reorder-drag-target';

/** What the drag listeners read at the time of each event (the list changes under them). */
export interface DragTargets {
  listOf(id: string | undefined): readonly AccountView[] | undefined;
  moveTo(id: string, toIndex: number): boolean;
}

/**
 * Moving a row by HTML drag and drop inside `container`: a row dropped onto another row of its
 * own list takes that row's place. Started as the list renders (see useReorder).
 * Returns the function that stops listening.
 */
export function listenForDrags(
  container: RefObject<HTMLElement | null>,
  latest: RefObject<DragTargets>,
): () => void {
  let dragged: string | undefined;
  // Native listeners, heard on the document for rows inside the container only (it comes and
  // goes with the listing): Preact's `onDragStart` props depend on the DOM's `ondragstart`
  // properties, which not every DOM the tests run on has.
  const inside = (event: Event) => container.current?.contains(event.target as Node) === true;
  const onDragStart = (event: DragEvent) => {
    dragged = idOf(event.target);
    if (!dragged) return;
    // Firefox starts a drag only with some data set.
    event.dataTransfer?.setData('text/plain', dragged);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  };
  const sameList = (target: EventTarget | null) => {
    const { listOf } = latest.current!;
    const list = listOf(dragged);
    return list !== undefined && list === listOf(idOf(target));
  };
  // Dropping is allowed only onto a row of the dragged row's own list.
  const onDragOver = (event: DragEvent) => {
    if (sameList(event.target)) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const from = dragged;
    const onto = idOf(event.target);
    const list = latest.current!.listOf(from);
    const ok = from !== undefined && sameList(event.target);
    dragged = undefined;
    if (!ok || !list) return;
    event.preventDefault();
    latest.current!.moveTo(
      from,
      list.findIndex((a) => a.id === onto),
    );
  };
  const onDragEnd = () => {
    dragged = undefined;
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
}
