/**
 * Small DOM readers shared by the page detectors. They read only the document they are
 * given: no layout, no computed style, no `window`, so they run on any `Document`.
 */

/** Text with runs of white space folded to one space and trimmed. */
export const squash = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim();

/** Element name in lower case, also for elements from another realm (where instanceof fails). */
export const tagOf = (node: Node | null | undefined): string =>
  node && node.nodeType === 1 ? (node as Element).localName.toLowerCase() : '';

/** An `<input>` element. */
export const isInput = (node: Node | null | undefined): node is HTMLInputElement =>
  tagOf(node) === 'input';

/** The input's type attribute in lower case, `text` when missing or unknown to the parser. */
export function inputType(input: HTMLInputElement): string {
  return (input.getAttribute('type') ?? 'text').trim().toLowerCase() || 'text';
}

/**
 * True when a person could type into the input: not hidden (by type, by the `hidden`
 * attribute on it or an ancestor), not disabled, not read-only. Layout visibility is left
 * to the content script, which can measure it.
 */
export function isTypable(input: HTMLInputElement): boolean {
  if (inputType(input) === 'hidden') return false;
  if (input.hasAttribute('disabled') || input.hasAttribute('readonly')) return false;
  if (input.closest('[hidden], [aria-hidden="true"], fieldset[disabled]')) return false;
  return true;
}

/** The input's `maxlength` as a number, or undefined when absent or not a number. */
export function maxLengthOf(input: HTMLInputElement): number | undefined {
  const raw = input.getAttribute('maxlength');
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

const MAX_ELEMENTS = 20_000;
const MAX_SHADOW_DEPTH = 4;

/**
 * Inputs inside `root` and the open shadow roots under it (web components such as a sign-in
 * widget keep their fields there), in tree order with each shadow tree right after its host.
 * At most `max` inputs, and a bounded walk, so a huge page cannot stall a scan.
 */
export function inputsUnder(root: ParentNode, max: number): HTMLInputElement[] {
  const inputs: HTMLInputElement[] = [];
  let seen = 0;
  const visit = (scope: ParentNode, depth: number) => {
    for (const element of Array.from(scope.querySelectorAll('*'))) {
      if (++seen > MAX_ELEMENTS || inputs.length >= max) return;
      if (isInput(element)) inputs.push(element);
      const shadow = element.shadowRoot;
      if (shadow && depth < MAX_SHADOW_DEPTH) visit(shadow, depth + 1);
    }
  };
  visit(root, 0);
  return inputs;
}

/**
 * The words a page uses to name an input, in the order a screen reader would prefer them:
 * `aria-labelledby` targets, `aria-label`, `<label for>`, a wrapping `<label>`, then
 * `placeholder` and `title`. Empty strings are dropped.
 */
export function labelTexts(input: HTMLInputElement): string[] {
  // Labels live in the same tree as the input: its shadow root when it has one.
  const root = labelRoot(input);
  const texts: string[] = [];
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    texts.push(squash(root.getElementById(id)?.textContent));
  }
  texts.push(squash(input.getAttribute('aria-label')));
  const id = input.getAttribute('id');
  if (id) {
    for (const label of Array.from(root.querySelectorAll('label'))) {
      if (label.getAttribute('for') === id) texts.push(squash(label.textContent));
    }
  }
  texts.push(squash(input.closest('label')?.textContent));
  texts.push(squash(input.getAttribute('placeholder')));
  texts.push(squash(input.getAttribute('title')));
  return texts.filter((text) => text.length > 0 && text.length <= 200);
}

/** The document or shadow root that holds `node`. */
function labelRoot(node: Node): Document | ShadowRoot {
  const root = node.getRootNode();
  return 'getElementById' in root
    ? (root as Document | ShadowRoot)
    : (node.ownerDocument as Document);
}

/**
 * Words of an identifier such as `confirmation_code`, `totpCode` or `mfa-device-name`, in
 * lower case: `['confirmation', 'code']`, `['totp', 'code']`, `['mfa', 'device', 'name']`.
 */
export function identifierWords(identifier: string | null): string[] {
  if (!identifier) return [];
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Words of the input's `name` and `id` attributes together. */
export const nameWords = (input: HTMLInputElement): string[] => [
  ...identifierWords(input.getAttribute('name')),
  ...identifierWords(input.getAttribute('id')),
];

/**
 * True when `other` sits within `levels` ancestors of `anchor`: the two share a container
 * no more than that far above the anchor. "Near" in the detectors' sense.
 */
export function isNear(anchor: Element, other: Node, levels: number): boolean {
  let container: Element | null = anchor;
  for (let up = 0; container && up <= levels; up++) {
    if (tagOf(container) === 'html') return false;
    if (container.contains(other)) return true;
    container = container.parentElement;
  }
  return false;
}

/**
 * The text around an element: the content of its form, or of the ancestor `levels` up,
 * squashed and cut to `maxChars`. Used to read what a screen says it is for.
 */
export function surroundingText(element: Element, levels: number, maxChars = 2000): string {
  let container: Element = element;
  const form = element.closest('form');
  if (form) container = form;
  else {
    for (let up = 0; up < levels && container.parentElement; up++) {
      if (tagOf(container.parentElement) === 'html') break;
      container = container.parentElement;
    }
  }
  return squash(container.textContent?.slice(0, maxChars * 4)).slice(0, maxChars);
}

/** The ancestor `levels` above `element`, or the highest one below `<html>`. */
export function ancestorAt(element: Element, levels: number): Element {
  let container = element;
  for (let up = 0; up < levels && container.parentElement; up++) {
    if (tagOf(container.parentElement) === 'html') break;
    container = container.parentElement;
  }
  return container;
}

/** Elements whose text is never page copy a person reads. */
const UNREAD = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'svg',
  'head',
  'title',
]);
// NodeFilter values, spelled out so no global is needed.
const SHOW_ELEMENT_AND_TEXT = 1 | 4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;

/**
 * Readable text nodes near `anchor`, nearest first: those inside its parent, then those in its
 * grandparent but outside the parent, and so on up to `levels` ancestors (never `<html>`).
 * Stops after `max` nodes, so a huge page costs a bounded scan and the text closest to the
 * code input is always read first.
 */
export function* textNodesNear(anchor: Element, levels: number, max: number): Generator<Text> {
  const doc = anchor.ownerDocument;
  let inner: Element | undefined;
  let count = 0;
  for (let container: Element | null = anchor, up = 0; container && up <= levels; up++) {
    if (tagOf(container) === 'html') return;
    const skip = inner;
    const walker = doc.createTreeWalker(container, SHOW_ELEMENT_AND_TEXT, {
      acceptNode: (node: Node) =>
        node === skip || UNREAD.has(tagOf(node)) ? FILTER_REJECT : FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType !== 3) continue;
      if (++count > max) return;
      yield node as Text;
    }
    inner = container;
    container = container.parentElement;
  }
}
