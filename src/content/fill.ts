import type { CodeInputs, SubmitControl } from '../cognito/screens';

/**
 * Sets an input's value through HTMLInputElement's own setter. Frameworks that track the
 * value (React's value tracker overrides `value` on the element) would otherwise see the new
 * value as their own and drop the input event; the prototype setter bypasses the override.
 */
function setValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

/** Focus or blur through the element, with the events dispatched by hand if the browser sent none (a background tab). */
function moveFocus(input: HTMLInputElement, type: 'focus' | 'blur'): void {
  let fired = false;
  const mark = () => (fired = true);
  input.addEventListener(type, mark, { once: true });
  if (type === 'focus') input.focus();
  else input.blur();
  input.removeEventListener(type, mark);
  if (fired) return;
  input.dispatchEvent(new FocusEvent(type, { composed: true }));
  input.dispatchEvent(
    new FocusEvent(type === 'focus' ? 'focusin' : 'focusout', { bubbles: true, composed: true }),
  );
}

function keyEvent(type: string, key: string): KeyboardEvent {
  const code = /^[0-9]$/.test(key) ? `Digit${key}` : '';
  return new KeyboardEvent(type, { key, code, bubbles: true, cancelable: true, composed: true });
}

function inputEvent(type: 'beforeinput' | 'input', inputType: string, data: string | null) {
  return new InputEvent(type, {
    inputType,
    data,
    bubbles: true,
    cancelable: type === 'beforeinput',
    composed: true,
  });
}

/**
 * Types `text` into `input` the way a person would, character by character: focus, then per
 * character keydown, keypress, beforeinput, the value change, input and keyup, and at the end
 * change and blur. Whatever was in the field is cleared first. A keydown or beforeinput the
 * page cancels means the page took that key itself, as it would from a keyboard.
 */
export function typeInto(input: HTMLInputElement, text: string): void {
  moveFocus(input, 'focus');
  if (input.value !== '') {
    setValue(input, '');
    input.dispatchEvent(inputEvent('input', 'deleteContentBackward', null));
  }
  for (const character of text) {
    const proceed = input.dispatchEvent(keyEvent('keydown', character));
    if (proceed) {
      input.dispatchEvent(keyEvent('keypress', character));
      if (input.dispatchEvent(inputEvent('beforeinput', 'insertText', character))) {
        setValue(input, input.value + character);
        input.dispatchEvent(inputEvent('input', 'insertText', character));
      }
    }
    input.dispatchEvent(keyEvent('keyup', character));
  }
  input.dispatchEvent(new Event('change', { bubbles: true }));
  moveFocus(input, 'blur');
}

/** Every input of a code input set, in order. */
export const codeInputList = (code: CodeInputs): HTMLInputElement[] =>
  code.kind === 'single' ? [code.input] : code.inputs;

/** What the code input(s) hold now, joined. */
export const codeValue = (code: CodeInputs): string =>
  codeInputList(code)
    .map((input) => input.value)
    .join('');

/** True when no code input holds anything yet. */
export const isCodeEmpty = (code: CodeInputs): boolean => codeValue(code) === '';

/**
 * Fills a one-time code: typed into a single input, or one digit per box for split inputs
 * (in order; extra boxes or digits are left alone).
 */
export function fillCode(code: CodeInputs, digits: string): void {
  if (code.kind === 'single') {
    typeInto(code.input, digits);
    return;
  }
  const characters = [...digits];
  code.inputs.forEach((box, index) => {
    const digit = characters[index];
    if (digit !== undefined) typeInto(box, digit);
  });
}

/** Types `value` into `input` only when the field is empty; true when it did. */
export function fillIfEmpty(input: HTMLInputElement, value: string): boolean {
  if (input.value.trim() !== '' || value === '') return false;
  typeInto(input, value);
  return true;
}

/**
 * Submits the way a click on the page's own button would: `requestSubmit` (which runs the
 * page's validation and submit handlers) with the submit control as submitter when it belongs
 * to the form, else a click on the control. True when something was triggered.
 */
export function submitCode(form: HTMLFormElement | undefined, submit: SubmitControl | undefined) {
  if (form) {
    try {
      if (submit && submit.form === form) form.requestSubmit(submit);
      else form.requestSubmit();
      return true;
    } catch {
      // No requestSubmit, or a submitter the form refuses: fall back to the click.
    }
  }
  if (submit) {
    submit.click();
    return true;
  }
  return false;
}
