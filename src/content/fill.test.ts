// @vitest-environment happy-dom
import { fillCode, fillIfEmpty, submitCode, typeInto } from './fill';

/**
 * React's value tracker, as react-dom installs it: an own `value` property that records every
 * value set through it, and an input listener that calls onChange only when the element's
 * real value differs from the recorded one. A value set through `input.value = …` is lost.
 */
function trackLikeReact(input: HTMLInputElement) {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  let tracked = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return descriptor.get!.call(this);
    },
    set(value: string) {
      tracked = `${value}`;
      descriptor.set!.call(this, value);
    },
  });
  const changes: string[] = [];
  input.addEventListener('input', () => {
    const actual = descriptor.get!.call(input) as string;
    if (actual !== tracked) {
      tracked = actual;
      changes.push(actual);
    }
  });
  return changes;
}

function record(element: EventTarget, types: string[]) {
  const seen: string[] = [];
  for (const type of types) element.addEventListener(type, () => seen.push(type));
  return seen;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('typing into inputs', () => {
  it('lets a React-style controlled input see every change', () => {
    document.body.innerHTML = '<input name="code">';
    const input = document.querySelector('input')!;
    const changes = trackLikeReact(input);
    typeInto(input, '123456');
    expect(input.value).toBe('123456');
    expect(changes).toEqual(['1', '12', '123', '1234', '12345', '123456']);
  });

  it('sends the events a plain form and Preact listen for, in typing order', () => {
    document.body.innerHTML = '<form><input name="code"></form>';
    const input = document.querySelector('input')!;
    const form = document.querySelector('form')!;
    const seen = record(input, [
      'focus',
      'keydown',
      'beforeinput',
      'input',
      'keyup',
      'change',
      'blur',
    ]);
    const bubbled = record(form, ['input', 'change']);
    const values: string[] = [];
    input.addEventListener('input', (event) => {
      values.push((event.target as HTMLInputElement).value);
      expect(event).toBeInstanceOf(InputEvent);
      expect((event as InputEvent).inputType).toBe('insertText');
    });
    typeInto(input, '42');
    expect(seen).toEqual([
      'focus',
      'keydown',
      'beforeinput',
      'input',
      'keyup',
      'keydown',
      'beforeinput',
      'input',
      'keyup',
      'change',
      'blur',
    ]);
    expect(bubbled).toEqual(['input', 'input', 'change']);
    expect(values).toEqual(['4', '42']);
  });

  it('replaces what was there, as selecting and typing over it would', () => {
    document.body.innerHTML = '<input name="code" value="999">';
    const input = document.querySelector('input')!;
    typeInto(input, '123456');
    expect(input.value).toBe('123456');
  });

  it('leaves a key the page cancels to the page', () => {
    document.body.innerHTML = '<input name="code">';
    const input = document.querySelector('input')!;
    input.addEventListener('keydown', (event) => {
      if (event.key === '2') event.preventDefault();
    });
    typeInto(input, '123');
    expect(input.value).toBe('13');
  });
});

describe('filling codes', () => {
  it('fills six one-digit boxes in order, one digit each', () => {
    document.body.innerHTML = `<div>${'<input maxlength="1">'.repeat(6)}</div>`;
    const inputs = Array.from(document.querySelectorAll('input'));
    const order: number[] = [];
    inputs.forEach((box, index) => box.addEventListener('input', () => order.push(index)));
    const changes = inputs.map(trackLikeReact);
    fillCode({ kind: 'split', inputs }, '908172');
    expect(inputs.map((box) => box.value)).toEqual(['9', '0', '8', '1', '7', '2']);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(changes.map((list) => list.length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('fills a single input', () => {
    document.body.innerHTML = '<input autocomplete="one-time-code">';
    const input = document.querySelector('input')!;
    fillCode({ kind: 'single', input }, '555123');
    expect(input.value).toBe('555123');
  });

  it('fills a device name only into an empty field', () => {
    document.body.innerHTML = '<input id="a"><input id="b" value="My phone">';
    const [empty, taken] = Array.from(document.querySelectorAll('input'));
    expect(fillIfEmpty(empty!, 'Keyfob')).toBe(true);
    expect(fillIfEmpty(taken!, 'Keyfob')).toBe(false);
    expect(empty!.value).toBe('Keyfob');
    expect(taken!.value).toBe('My phone');
  });
});

describe('submitting', () => {
  it('submits through requestSubmit with the page’s own button as submitter', () => {
    document.body.innerHTML =
      '<form><input name="code"><button type="submit" name="verify">Verify</button></form>';
    const form = document.querySelector('form')!;
    const button = document.querySelector('button')!;
    const submitters: (HTMLElement | null)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitters.push((event as SubmitEvent).submitter);
    });
    expect(submitCode(form, button)).toBe(true);
    expect(submitters).toEqual([button]);
  });

  it('clicks the button when there is no form', () => {
    document.body.innerHTML = '<div><input name="code"><button>Verify</button></div>';
    const button = document.querySelector('button')!;
    const click = vi.fn();
    button.addEventListener('click', click);
    expect(submitCode(undefined, button)).toBe(true);
    expect(click).toHaveBeenCalledTimes(1);
    expect(submitCode(undefined, undefined)).toBe(false);
  });
});
