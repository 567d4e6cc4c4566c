import { isNear, squash, tagOf } from './dom-text';

/** A control that submits a code: a submit button or an `<input type=submit|image>`. */
export type SubmitControl = HTMLButtonElement | HTMLInputElement;

const VERBS =
  /\b(verify|confirm|submit|continue|next|sign ?in|log ?in|activate|enable|done|finish|pair|set ?up|save)\b/i;

function isSubmit(element: Element): element is SubmitControl {
  const tag = tagOf(element);
  const type = (element.getAttribute('type') ?? '').toLowerCase();
  if (tag === 'button') return type === '' || type === 'submit';
  return tag === 'input' && (type === 'submit' || type === 'image');
}

function caption(element: Element): string {
  return squash(
    tagOf(element) === 'input'
      ? (element.getAttribute('value') ?? element.getAttribute('alt'))
      : (element.textContent ?? element.getAttribute('aria-label')),
  );
}

/**
 * The control that sends the code: the form's first submit button (also one tied to the form
 * from outside with `form="…"`), or, for pages without a form, the first button after the
 * code input and near it whose caption is a verb such as Verify, Confirm or Continue.
 */
export function findSubmitControl(
  form: HTMLFormElement | null | undefined,
  codeInput: Element,
): SubmitControl | undefined {
  if (form) {
    const controls = Array.from(form.querySelectorAll('button, input'));
    const id = form.getAttribute('id');
    if (id) {
      for (const outside of Array.from(form.ownerDocument.querySelectorAll('[form]'))) {
        if (outside.getAttribute('form') === id) controls.push(outside);
      }
    }
    const submit = controls.find(isSubmit);
    if (submit) return submit;
  }
  const doc = codeInput.ownerDocument;
  const buttons = Array.from(
    doc.querySelectorAll('button, input[type=submit], input[type=button]'),
  );
  return buttons.find(
    (button): button is SubmitControl =>
      // Node.DOCUMENT_POSITION_FOLLOWING: the button comes after the input.
      (codeInput.compareDocumentPosition(button) & 4) !== 0 &&
      isNear(codeInput, button, 5) &&
      VERBS.test(caption(button)),
  );
}
