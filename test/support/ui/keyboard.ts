import { act, fireEvent } from '@testing-library/preact';

const FOCUSABLE = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  '[tabindex]',
].join(',');

/** True when the element sits in the closed part of a <details> (only its summary shows). */
function inClosedDetails(element: Element): boolean {
  let details: HTMLDetailsElement | null | undefined = element.parentElement?.closest('details');
  while (details) {
    if (!details.open && details.querySelector(':scope > summary') !== element) return true;
    details = details.parentElement?.closest('details');
  }
  return false;
}

/**
 * The elements Tab visits, in order. happy-dom has no sequential focus navigation, so this
 * follows the HTML rules that matter here: focusable, not disabled, not hidden, not in a closed
 * <details>, tabindex ≥ 0 (this UI never uses a positive tabindex).
 */
export function tabbables(root: ParentNode = document.body): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) =>
      // happy-dom reports tabIndex -1 for a <summary>, which browsers do put in the Tab order.
      (element.tabIndex >= 0 ||
        (element.tagName === 'SUMMARY' && !element.hasAttribute('tabindex'))) &&
      !(element as HTMLButtonElement).disabled &&
      !element.closest('[hidden], [inert]') &&
      !inClosedDetails(element),
  );
}

/**
 * Moves focus as Tab (or Shift+Tab) would and returns the newly focused element. From an
 * element outside the Tab order (tabindex="-1"), it continues from that point of the document,
 * as browsers do.
 */
export function tab(shift = false): HTMLElement {
  const order = tabbables();
  if (order.length === 0) throw new Error('nothing to tab to');
  const active = document.activeElement as HTMLElement | null;
  const after = (el: HTMLElement) =>
    !!active && !!(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  let next: HTMLElement | undefined;
  if (active && order.includes(active)) {
    const index = order.indexOf(active);
    next = order[(index + (shift ? -1 : 1) + order.length) % order.length];
  } else if (shift) {
    next = [...order].reverse().find((el) => !after(el) && el !== active) ?? order.at(-1);
  } else {
    next = (active && active !== document.body ? order.find(after) : undefined) ?? order[0];
  }
  next!.focus();
  return next!;
}

/** Tabs forward until `predicate` holds for the focused element; fails after a full lap. */
export function tabTo(predicate: (element: HTMLElement) => boolean): HTMLElement {
  const lap = tabbables().length + 1;
  for (let i = 0; i < lap; i += 1) {
    const element = tab();
    if (predicate(element)) return element;
  }
  throw new Error('no tabbable element matched');
}

/** Types text into the focused field, as keystrokes would. */
export function type(text: string, element = document.activeElement as HTMLInputElement) {
  fireEvent.input(element, { target: { value: element.value + text } });
}

/**
 * Presses a key on the focused element, including the browser's default action for Enter and
 * Space that happy-dom leaves out: activate a button or summary, submit a form from a field.
 */
export function press(key: string, element = document.activeElement as HTMLElement) {
  const proceed = fireEvent.keyDown(element, { key });
  if (proceed) {
    const activates = key === 'Enter' || key === ' ';
    if (activates && (element instanceof HTMLButtonElement || element.tagName === 'SUMMARY')) {
      // Through testing-library so Preact renders the result before the next assertion.
      fireEvent.click(element);
    } else if (key === 'Enter' && element instanceof HTMLInputElement && element.form) {
      const form = element.form;
      void act(() => form.requestSubmit());
    }
  }
  fireEvent.keyUp(element, { key });
}
