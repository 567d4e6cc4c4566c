import { waitFor } from './wait';
import type { XDisplay } from './x-display';

/** A point on the X display's screen, in its pixels. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** Anything that evaluates source text in a page: a popup page, a web page. */
export interface EvaluatesInPage {
  evaluate<T>(expression: string): Promise<T>;
}

/**
 * The screen point at the middle of the element `element` (source text that evaluates to it
 * in `page`). The page's origin on the screen is read off a pointer move, whose event carries
 * both screen and page coordinates: window decorations and toolbars need no guessing.
 */
export async function screenPointOf(
  display: XDisplay,
  page: EvaluatesInPage,
  element: string,
): Promise<ScreenPoint> {
  await page.evaluate(`window.__kfOrigin = undefined; document.addEventListener('mousemove',
    (e) => { window.__kfOrigin = { x: e.screenX - e.clientX, y: e.screenY - e.clientY }; },
    { capture: true, once: true })`);
  let step = 0;
  const origin = await waitFor(
    async () => {
      // A move to where the pointer already is sends no event: each try goes elsewhere.
      step += 1;
      await display.movePointer(200 + step * 7, 200 + step * 5);
      return (await page.evaluate<ScreenPoint | null>('window.__kfOrigin ?? null')) ?? undefined;
    },
    { what: 'a pointer move over the page' },
  );
  const box = await page.evaluate<{ x: number; y: number; width: number; height: number }>(
    `(${element}).getBoundingClientRect().toJSON()`,
  );
  return {
    x: Math.round(origin.x + box.x + box.width / 2),
    y: Math.round(origin.y + box.y + box.height / 2),
  };
}

/** Options of {@link dragWithPointer}. */
export interface PointerDragOptions {
  /** Moves from `from` to `to`, each a few pixels: past the browsers' drag threshold early. */
  steps?: number;
  /** Whether the page, under the pointer at `to`, now accepts the drop (its dragover said so). */
  dropAccepted(): Promise<boolean>;
  /** What is dragged where, for a timeout's message. */
  what: string;
}

/**
 * Drags with the X pointer as a person does: holds the button down at `from`, moves to `to`
 * in steps, and lets go once the page accepts the drop there. Until then the pointer keeps
 * moving a pixel or two around `to`: a browser tells the page about a drag position on a
 * move, and decides a drop by the page's answer to the last one.
 */
export async function dragWithPointer(
  display: XDisplay,
  from: ScreenPoint,
  to: ScreenPoint,
  { steps = 12, dropAccepted, what }: PointerDragOptions,
): Promise<void> {
  await display.pressPointer(from.x, from.y);
  try {
    for (let step = 1; step <= steps; step += 1) {
      await display.movePointer(
        Math.round(from.x + ((to.x - from.x) * step) / steps),
        Math.round(from.y + ((to.y - from.y) * step) / steps),
      );
    }
    let nudge = 0;
    await waitFor(
      async () => {
        if (await dropAccepted()) return true;
        nudge += 1;
        await display.movePointer(to.x + (nudge % 2 ? 2 : -2), to.y);
        return undefined;
      },
      { timeoutMs: 20_000, what: `the page to accept ${what}` },
    );
  } finally {
    await display.releasePointer();
  }
}
