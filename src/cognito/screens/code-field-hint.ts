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

const MAX_INPUTS = 500;
const CODE_TYPES = ['text', 'tel', 'number'];
/** Substrings of the name and id words findCodeInputs counts (`pin`, `otp`, `one-time`, …). */
const CODE_NAME = /otp|mfa|2fa|passcode|one[\W_]*time|code|token|pin|verif|confirm/i;

/** True when some input in `doc` shows a sign of being a one-time-code field. */
export function mayHoldCodeField(doc: Document): boolean {
  const inputs = doc.getElementsByTagName('input');
  for (let i = 0; i < inputs.length && i < MAX_INPUTS; i++) {
    const input = inputs[i]!;
    const attr = (name: string) => input.getAttribute(name);
    const type = (attr('type') ?? '').trim().toLowerCase() || 'text';
    if (!CODE_TYPES.includes(type)) continue;
    const maxLength = /^\s*\d+\s*$/.test(attr('maxlength') ?? '') ? Number(attr('maxlength')) : 0;
    if (
      type !== 'text' ||
      maxLength === 1 ||
      maxLength === 6 ||
      /one-time-code/i.test(attr('autocomplete') ?? '') ||
      /numeric/i.test(attr('inputmode') ?? '') ||
      attr('pattern') !== null ||
      CODE_NAME.test(`${attr('name') ?? ''} ${attr('id') ?? ''}`)
    ) {
      return true;
    }
  }
  return false;
}
