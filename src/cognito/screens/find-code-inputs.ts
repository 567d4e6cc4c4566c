import { inputType, isInput, isTypable, labelTexts, maxLengthOf, nameWords } from './dom-text';

/** Where a page wants its 6-digit code: one input, or six one-digit boxes in order. */
export type CodeInputs =
  { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

/** Input types a code can be typed into. `password` is left out: a wrong guess there is costly. */
const CODE_TYPES = new Set(['text', 'tel', 'number']);
/** Identifier words that name a one-time code on their own. */
const STRONG_WORDS = new Set(['otp', 'totp', 'mfa', '2fa', 'passcode', 'onetime']);
/** Identifier words that suggest one, with help from other hints. */
const WEAK_WORDS = new Set(['code', 'token', 'pin', 'verification', 'confirmation', 'verify']);
/**
 * Codes that are not one-time codes, as identifier words and as label words, so a promo-code,
 * post-code or backup-code box is never taken for the MFA code.
 */
const NOT_OTP_WORDS = new Set([
  'zip',
  'postal',
  'postcode',
  'post',
  'promo',
  'coupon',
  'country',
  'area',
  'dial',
  'discount',
  'gift',
  'referral',
  'invite',
  'invitation',
  'voucher',
  'sort',
  'swift',
  'bank',
  'tax',
  'vat',
  'color',
  'colour',
  'secret',
  'key',
  'captcha',
  'recovery',
  'backup',
]);
const NOT_OTP_LABEL =
  /\b(zip|postal|post ?code|promo|coupon|country|area code|dial|discount|gift|referral|invit\w*|voucher|sort code|swift|tax|vat|colou?r|captcha|recovery|backup)\b/i;
const CODE_LABEL =
  /\b(code|one[- ]?time|otp|totp|passcode|verification|authenticator|6[- ]digit|six[- ]digit)\b/i;
/** Autocomplete tokens that mean some other field. */
const OTHER_AUTOCOMPLETE =
  /\b(username|email|current-password|new-password|name|given-name|family-name|tel|address|postal-code|cc-[a-z-]+)\b/;

/** Least score a single input needs, e.g. `autocomplete=one-time-code` alone, or `name=otp`. */
const THRESHOLD = 2;
/** Enough for a single input to win over a group of one-digit boxes. */
const STRONG = 3;

/**
 * How strongly an input looks like a one-time-code field; 0 when it cannot be one. Each hint
 * the web platform or habit gives adds to the score: the `one-time-code` autocomplete token
 * (3), code words in name or id (2, or 1 for the plain word "code"), a label mentioning a code
 * (1), `maxlength=6` (1), and a numeric keypad or a 6-digit pattern (1).
 */
function codeInputScore(input: HTMLInputElement): number {
  if (!isTypable(input) || !CODE_TYPES.has(inputType(input))) return 0;
  const maxLength = maxLengthOf(input);
  if (maxLength !== undefined && maxLength < 6) return 0;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  const words = nameWords(input);
  const labels = labelTexts(input).join(' ');
  if (words.some((word) => NOT_OTP_WORDS.has(word)) || NOT_OTP_LABEL.test(labels)) return 0;
  const isOneTimeCode = autocomplete.split(/\s+/).includes('one-time-code');
  if (!isOneTimeCode && OTHER_AUTOCOMPLETE.test(autocomplete)) return 0;

  let score = 0;
  if (isOneTimeCode) score += 3;
  if (words.some((word) => STRONG_WORDS.has(word)) || /one-?time/.test(words.join('-'))) {
    score += 2;
  } else if (words.some((word) => WEAK_WORDS.has(word))) score += 1;
  if (CODE_LABEL.test(labels)) score += 1;
  if (maxLength === 6) score += 1;
  const pattern = input.getAttribute('pattern') ?? '';
  const numeric =
    (input.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric' ||
    inputType(input) !== 'text' ||
    /\\d\{6\}|\[0-9\]\{6\}/.test(pattern);
  if (numeric) score += 1;
  return score;
}

/** A box for one digit of a split code input. */
function isDigitBox(input: HTMLInputElement): boolean {
  if (!isTypable(input) || !CODE_TYPES.has(inputType(input)) || maxLengthOf(input) !== 1) {
    return false;
  }
  return (
    !nameWords(input).some((word) => NOT_OTP_WORDS.has(word)) &&
    !NOT_OTP_LABEL.test(labelTexts(input).join(' '))
  );
}

/**
 * Groups of one-digit boxes that sit together: each box belongs to the closest ancestor (at
 * most three levels up) that holds another box too.
 */
function digitBoxGroups(boxes: HTMLInputElement[]): HTMLInputElement[][] {
  const groups = new Map<Element, HTMLInputElement[]>();
  for (const box of boxes) {
    let container = box.parentElement;
    for (let up = 0; container && up < 3; up++, container = container.parentElement) {
      if (boxes.some((other) => other !== box && container?.contains(other))) break;
    }
    if (!container) continue;
    const group = groups.get(container) ?? [];
    group.push(box);
    groups.set(container, group);
  }
  return [...groups.values()];
}

/** Inputs inside `root`, in document order, capped so a huge page cannot stall the scan. */
function inputsIn(root: ParentNode): HTMLInputElement[] {
  return Array.from(root.querySelectorAll('input')).slice(0, 500).filter(isInput);
}

/**
 * The one-time-code field(s) inside `root`. A single input that looks like a code field on
 * strong evidence wins; otherwise a group of exactly six one-digit boxes; otherwise the best
 * single input that reaches the threshold. Undefined when nothing qualifies.
 */
export function findCodeInputs(root: ParentNode): CodeInputs | undefined {
  const inputs = inputsIn(root);
  let best: HTMLInputElement | undefined;
  let bestScore = 0;
  for (const input of inputs) {
    const score = codeInputScore(input);
    if (score > bestScore) [best, bestScore] = [input, score];
  }
  if (best && bestScore >= STRONG) return { kind: 'single', input: best };
  const sixes = digitBoxGroups(inputs.filter(isDigitBox)).filter((group) => group.length === 6);
  if (sixes.length === 1 && sixes[0]) return { kind: 'split', inputs: sixes[0] };
  if (best && bestScore >= THRESHOLD) return { kind: 'single', input: best };
  return undefined;
}

/** The first element of a code input set, to measure nearness from. */
export const firstCodeInput = (code: CodeInputs): HTMLInputElement =>
  code.kind === 'single' ? code.input : (code.inputs[0] as HTMLInputElement);

/** Every input of a code input set. */
export const allCodeInputs = (code: CodeInputs): HTMLInputElement[] =>
  code.kind === 'single' ? [code.input] : code.inputs;
