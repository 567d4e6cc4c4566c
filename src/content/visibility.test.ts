// @vitest-environment happy-dom
import { whyHidden, whyHiddenAfterReveal } from './visibility';

/**
 * happy-dom computes styles but lays nothing out: elements give their box as
 * `data-box="left top width height"`, and hit testing paints them in document order (later on
 * top), as a page without z-index would.
 */
function boxOf(element: Element): DOMRect {
  const [left = 0, top = 0, width = 0, height = 0] = (element.getAttribute('data-box') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return { left, top, width, height, right: left + width, bottom: top + height } as DOMRect;
}

function hits(root: ParentNode, x: number, y: number): Element[] {
  return Array.from(root.querySelectorAll('[data-box]'))
    .filter((element) => {
      const box = boxOf(element);
      return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
    })
    .reverse();
}

const view = {
  getComputedStyle: window.getComputedStyle.bind(window),
  innerWidth: 800,
  innerHeight: 600,
};

function page(html: string): HTMLInputElement {
  document.body.innerHTML = html;
  return document.querySelector('#f')!;
}

beforeEach(() => {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return boxOf(this);
  });
  document.elementsFromPoint = (x, y) => hits(document, x, y);
});

const FIELD = 'id="f" data-box="100 100 200 30"';

describe('whyHidden', () => {
  it('lets a field a person can see through', () => {
    expect(whyHidden(page(`<form><input ${FIELD}></form>`), view)).toBeNull();
  });

  it.each([
    ['display: none on an ancestor', `<div style="display:none"><input ${FIELD}></div>`, 'hidden'],
    ['visibility: hidden', `<input ${FIELD} style="visibility:hidden">`, 'hidden'],
    ['visibility inherited', `<div style="visibility:hidden"><input ${FIELD}></div>`, 'hidden'],
    [
      'the hidden attribute',
      `<section hidden style="display:block"><input ${FIELD}></section>`,
      'hidden',
    ],
    ['an inert ancestor', `<div inert><input ${FIELD}></div>`, 'hidden'],
    [
      'opacity 0.001 far up the chain',
      `<main style="opacity:0.001"><div><input ${FIELD}></div></main>`,
      'transparent',
    ],
    ['opacity 0 on the field', `<input ${FIELD} style="opacity:0">`, 'transparent'],
    [
      'opacities that multiply below 0.1',
      `<div style="opacity:0.3"><div style="opacity:0.3"><input ${FIELD}></div></div>`,
      'transparent',
    ],
    ['1×1 pixel', '<input id="f" data-box="100 100 1 1">', 'tiny'],
    ['zero size', '<input id="f" data-box="100 100 0 0">', 'tiny'],
    ['off to the left', '<input id="f" data-box="-9999 100 200 30">', 'off-screen'],
    ['below the viewport', '<input id="f" data-box="100 5000 200 30">', 'off-screen'],
    [
      'a transparent overlay on top',
      `<input ${FIELD}><div style="opacity:0.01" data-box="0 0 800 600"></div>`,
      'covered',
    ],
    ['an opaque box on top', `<input ${FIELD}><div data-box="90 90 300 60"></div>`, 'covered'],
  ])('refuses a field under %s', (_, html, reason) => {
    expect(whyHidden(page(html), view)).toBe(reason);
  });

  it('looks through the shadow host: a transparent host hides the field inside it', () => {
    document.body.innerHTML = '<otp-field style="opacity:0.05"></otp-field>';
    const host = document.querySelector('otp-field')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<input ${FIELD}>`;
    shadow.elementsFromPoint = (x, y) => hits(shadow, x, y);
    expect(whyHidden(shadow.querySelector('#f')!, view)).toBe('transparent');
    host.setAttribute('style', '');
    host.setAttribute('data-box', '0 0 800 600');
    expect(whyHidden(shadow.querySelector('#f')!, view)).toBeNull();
  });

  it('refuses a field in a shadow root whose host is covered in the page', () => {
    document.body.innerHTML =
      '<otp-field data-box="0 0 800 600"></otp-field><div data-box="0 0 800 600"></div>';
    const shadow = document.querySelector('otp-field')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<input ${FIELD}>`;
    shadow.elementsFromPoint = (x, y) => hits(shadow, x, y);
    expect(whyHidden(shadow.querySelector('#f')!, view)).toBe('covered');
  });
});

describe('whyHiddenAfterReveal', () => {
  /**
   * The browser's scroll, as far as a page lets it reach: a field below or right of the view
   * is brought to its bottom edge; nothing scrolls to negative coordinates.
   */
  const scrolled = vi.fn(function (this: Element) {
    const box = boxOf(this);
    if (box.left < 0 || box.top < 0) return;
    const top = Math.min(box.top, view.innerHeight - box.height);
    const left = Math.min(box.left, view.innerWidth - box.width);
    this.setAttribute('data-box', `${left} ${top} ${box.width} ${box.height}`);
  });

  beforeEach(() => {
    scrolled.mockClear();
    Element.prototype.scrollIntoView = scrolled;
  });

  it('scrolls a field below the fold into view and lets it through', () => {
    const field = page('<input id="f" data-box="100 5000 200 30">');
    expect(whyHiddenAfterReveal(field, view)).toBeNull();
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(boxOf(field).top).toBeLessThan(view.innerHeight);
  });

  it('leaves a field no scroll can reach off-screen', () => {
    const field = page('<input id="f" data-box="-9999 100 200 30">');
    expect(whyHiddenAfterReveal(field, view)).toBe('off-screen');
  });

  it('still refuses a field that is covered once scrolled into view', () => {
    const field = page(
      '<input id="f" data-box="100 5000 200 30"><div data-box="0 0 800 600"></div>',
    );
    expect(whyHiddenAfterReveal(field, view)).toBe('covered');
  });

  it('does not scroll for a field in view, nor for one hidden another way', () => {
    expect(whyHiddenAfterReveal(page(`<input ${FIELD}>`), view)).toBeNull();
    expect(whyHiddenAfterReveal(page(`<input ${FIELD} style="opacity:0">`), view)).toBe(
      'transparent',
    );
    expect(
      whyHiddenAfterReveal(
        page('<div style="display:none"><input id="f" data-box="100 5000 200 30"></div>'),
        view,
      ),
    ).toBe('hidden');
    expect(scrolled).not.toHaveBeenCalled();
  });
});
