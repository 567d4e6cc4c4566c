/**
 * Whether a person can see a field, measured the way the browser draws it. Keyfob fills only
 * fields a person can see: a page that hides a code field (or lays a transparent element over
 * it) could otherwise read a code the person never meant to give it.
 */

/** Why a field is not one a person can see. */
export type HiddenReason = 'hidden' | 'transparent' | 'tiny' | 'off-screen' | 'covered';

/** Below this opacity, on the field or any ancestor, or multiplied up the chain, a field is taken as invisible. */
const MIN_OPACITY = 0.1;
/** Smallest width and height, in CSS pixels, of a field a person can see and click. */
const MIN_SIZE = 8;

/** What the check reads from the page's window. */
export type ViewWindow = Pick<Window, 'getComputedStyle' | 'innerWidth' | 'innerHeight'>;

/** The element's parent, stepping out of a shadow root to its host. */
function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode() as Partial<ShadowRoot>;
  return root.host ?? null;
}

/** The document or shadow root holding `element`, if it can tell what is drawn where. */
function hitTester(element: Element): Pick<DocumentOrShadowRoot, 'elementsFromPoint'> | null {
  const root = element.getRootNode() as Partial<DocumentOrShadowRoot>;
  return typeof root.elementsFromPoint === 'function'
    ? (root as Pick<DocumentOrShadowRoot, 'elementsFromPoint'>)
    : null;
}

/**
 * True when whatever is drawn on top at (x, y) is the field (or something inside it), in its
 * own tree and in every tree around it: inside a shadow root the field must be on top, and the
 * shadow host must be on top in the tree that holds it. Floating labels that sit on their
 * field take no pointer events (Bootstrap, Material), so hit testing looks through them.
 */
function isOnTop(field: Element, x: number, y: number): boolean {
  let target: Element | null = field;
  while (target) {
    const tester = hitTester(target);
    if (!tester) return false;
    const top = tester.elementsFromPoint(x, y)[0];
    if (!top || !(top === target || target.contains(top))) return false;
    target = (target.getRootNode() as Partial<ShadowRoot>).host ?? null;
  }
  return true;
}

/**
 * Why a person cannot see `field`, or null when they can: hidden (`display: none`,
 * `visibility`, the `hidden` or `inert` attribute, up the whole ancestor chain including
 * shadow hosts), transparent (opacity below 0.1 on any ancestor, or multiplied up the chain),
 * tiny, off-screen (its centre outside the viewport), or covered (something else is drawn on
 * top at its centre).
 */
export function whyHidden(field: Element, win: ViewWindow): HiddenReason | null {
  const own = win.getComputedStyle(field);
  if (own.visibility !== 'visible' && own.visibility !== '') return 'hidden';
  let opacity = 1;
  for (let element: Element | null = field; element; element = parentAcrossShadow(element)) {
    if (element.hasAttribute('hidden') || element.hasAttribute('inert')) return 'hidden';
    const style = element === field ? own : win.getComputedStyle(element);
    if (style.display === 'none' || style.contentVisibility === 'hidden') return 'hidden';
    const layer = style.opacity === '' ? 1 : Number(style.opacity);
    if (!(layer >= MIN_OPACITY)) return 'transparent';
    opacity *= layer;
  }
  if (opacity < MIN_OPACITY) return 'transparent';

  const box = field.getBoundingClientRect();
  if (box.width < MIN_SIZE || box.height < MIN_SIZE) return 'tiny';
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  if (!(x >= 0 && y >= 0 && x < win.innerWidth && y < win.innerHeight)) return 'off-screen';
  return isOnTop(field, x, y) ? null : 'covered';
}

/**
 * {@link whyHidden}, after scrolling a field that is only out of view into view: a code field
 * below the fold of a small window (or pushed down by an error message) is one the person
 * reaches by scrolling, and Keyfob shows it to them rather than skip it. A field out of reach
 * (left of the page, clipped away) stays off-screen, and the field is measured again in full
 * after the scroll, so whatever covers it there still refuses it.
 */
export function whyHiddenAfterReveal(field: Element, win: ViewWindow): HiddenReason | null {
  const reason = whyHidden(field, win);
  if (reason !== 'off-screen') return reason;
  // 'instant': a page's `scroll-behavior: smooth` would otherwise leave it moving while measured.
  field.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  return whyHidden(field, win);
}

/**
 * How the content script asks whether a person can see a field: with `reveal` (a code is
 * about to go in) a field merely out of view is scrolled into view first; without it, nothing
 * on the page moves.
 */
export type FieldVisibility = (field: Element, reveal: boolean) => HiddenReason | null;

/** {@link FieldVisibility} measured in `win`. */
export function measureVisibility(win: ViewWindow): FieldVisibility {
  return (field, reveal) => (reveal ? whyHiddenAfterReveal(field, win) : whyHidden(field, win));
}
