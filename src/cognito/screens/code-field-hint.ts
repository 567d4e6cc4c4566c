/**
 * A cheap first look for the page's bridge script: could this document hold a one-time-code
 * field? It reads attributes only (no label text, no layout), so it runs on every DOM change
 * of every matched page for next to nothing, and the full detectors are loaded only when it
 * says yes.
 *
 * It must never say no where {@link findCodeInputs} would find something (a test checks that
 * on generated fields). That holds because a code field needs a score of 2 and a label alone
 * is worth 1: every field found shows at least one of the attribute signals tested here.
 */

import { inputsUnder } from './dom-text';

const MAX_INPUTS = 500;
const CODE_TYPES = ['text', 'tel', 'number'];
/** Substrings of the name and id words findCodeInputs counts (`pin`, `otp`, `one-time`, …). */
const CODE_NAME =
  /otp|mfa|2fa|tfa|auth|passcode|one[\W_]*time|two[\W_]*factor|cod|kod|token|pin|verif|confirm/i;
/** A placeholder shaped like a code, which findCodeInputs counts too. */
const CODE_PLACEHOLDER = /^\s*(?:[0-9•·*_-]\s?){6,8}\s*$/;

/** True when some input in `doc` (or an open shadow root in it) shows a sign of being a one-time-code field. */
export function mayHoldCodeField(doc: Document): boolean {
  for (const input of inputsUnder(doc, MAX_INPUTS)) {
    const attr = (name: string) => input.getAttribute(name);
    const type = (attr('type') ?? '').trim().toLowerCase() || 'text';
    if (!CODE_TYPES.includes(type)) continue;
    const maxLength = /^\s*\d+\s*$/.test(attr('maxlength') ?? '') ? Number(attr('maxlength')) : 0;
    if (
      type !== 'text' ||
      maxLength === 1 ||
      (maxLength >= 6 && maxLength <= 8) ||
      /one-time-code/i.test(attr('autocomplete') ?? '') ||
      /numeric/i.test(attr('inputmode') ?? '') ||
      attr('pattern') !== null ||
      CODE_PLACEHOLDER.test(attr('placeholder') ?? '') ||
      CODE_NAME.test(`${attr('name') ?? ''} ${attr('id') ?? ''}`)
    ) {
      return true;
    }
  }
  return false;
}
