import { inputType, inputsUnder, isTypable, labelTexts, maxLengthOf, nameWords } from './dom-text';

/** Where a page wants its 6-digit code: one input, or six one-digit boxes in order. */
export type CodeInputs =
  { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

/** Input types a code can be typed into. `password` is left out: a wrong guess there is costly. */
const CODE_TYPES = new Set(['text', 'tel', 'number']);
/** Identifier words that name a one-time code on their own. */
const STRONG_WORDS = new Set([
  'otp',
  'totp',
  'mfa',
  '2fa',
  'tfa',
  'passcode',
  'onetime',
  'authenticator',
  'einmalcode',
]);
/** Identifier words that suggest one, with help from other hints (several languages). */
const WEAK_WORDS = new Set([
  'code',
  'token',
  'pin',
  'verification',
  'confirmation',
  'verify',
  'codigo',
  'código',
  'codice',
  'kod',
  'verificacion',
  'verificación',
  'verificação',
  'verifizierung',
  'bestaetigungscode',
  'bestätigungscode',
  'sicherheitscode',
]);
/** Words that turn a plain "code" in an identifier into a sign-in code: `verificationCode`. */
const CODE_QUALIFIERS = new Set([
  'verification',
  'verify',
  'auth',
  'authentication',
  'login',
  'signin',
  'challenge',
  'mfa',
  'access',
]);
/**
 * Codes and numbers that are not one-time codes, as identifier words and as label words, so
 * a promo-code, post-code, card, phone or backup-code box is never taken for the MFA code.
 */
const NOT_OTP_WORDS = new Set([
  'zip',
  'postal',
  'postcode',
  'post',
  'plz',
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
  'iban',
  'routing',
  'tax',
  'vat',
  'color',
  'colour',
  'secret',
  'key',
  'captcha',
  'recovery',
  'backup',
  'card',
  'cc',
  'cvc',
  'cvv',
  'csc',
  'cvn',
  'expiry',
  'exp',
  'phone',
  'mobile',
  'tel',
  'telephone',
  'msisdn',
  'search',
  'query',
  'amount',
  'price',
  'quantity',
  'qty',
  'total',
  'birth',
  'dob',
  'year',
  'month',
  'ssn',
]);
const NOT_OTP_LABEL =
  /\b(zip|postal|post ?code|postleitzahl|plz|promo|coupon|country|area code|dial|discount|gift|referral|invit\w*|voucher|sort code|swift|iban|tax|vat|colou?r|captcha|recovery|backup|card|cvc|cvv|csc|expir\w*|phone|mobile|telephone|search|amount|price|quantity|birth)\b|telefon|tarjeta|carte|karte/i;
const CODE_LABEL =
  /\b(\w*code|one[- ]?time|otp|totp|passcode|verification|authenticator|authentication|2fa|mfa|two[- ]factor|6[- ]digit|six[- ]digit|codigo|verificaci\S*|v\S*rification|authentification|verifica|codice|autenticazione|verifizierung|authentifizierung|einmal\S*|kod|kodu|weryfikac\S*)\b|código|验证码|驗證碼|認証コード|確認コード|인증|код/iu;
/** Autocomplete tokens that mean some other field. */
const OTHER_AUTOCOMPLETE =
  /\b(username|email|current-password|new-password|name|given-name|family-name|tel|tel-[a-z-]+|address|address-[a-z0-9-]+|postal-code|country|bday[a-z-]*|cc-[a-z-]+|transaction-amount)\b/;
/** A placeholder that shows the shape of a code: `123456`, `000 000`, `••••••`. */
const CODE_PLACEHOLDER = /^\s*(?:[0-9•·*_-]\s?){6,8}\s*$/;

/** Least score a single input needs, e.g. `autocomplete=one-time-code` alone, or `name=otp`. */
const THRESHOLD = 2;
/** Enough for a single input to win over a group of one-digit boxes. */
const STRONG = 3;
/** How many one-digit boxes a split code input has: TOTP codes are 6 to 8 digits long. */
const SPLIT_SIZES = new Set([6, 7, 8]);

/** True when the input's names or labels say it holds some other kind of number or code. */
function isDecoy(input: HTMLInputElement, labels: string): boolean {
  return nameWords(input).some((word) => NOT_OTP_WORDS.has(word)) || NOT_OTP_LABEL.test(labels);
}

/** How much the input's `name` and `id` say "one-time code": 2 strongly, 1 weakly, else 0. */
function identifierScore(words: string[]): number {
  const joined = words.join('');
  if (words.some((word) => STRONG_WORDS.has(word)) || /onetime|twofactor/.test(joined)) return 2;
  if (words.includes('code') && words.some((word) => CODE_QUALIFIERS.has(word))) return 2;
  return words.some((word) => WEAK_WORDS.has(word)) ? 1 : 0;
}

/**
 * How strongly an input looks like a one-time-code field; 0 when it cannot be one. Each hint
 * the web platform or habit gives adds to the score: the `one-time-code` autocomplete token
 * (3), code words in name or id (2, or 1 for a plain word such as "code"), a label, aria text
 * or placeholder mentioning a code (1), a length of 6 to 8 (1), a numeric keypad or a 6-digit
 * pattern (1), and a placeholder shaped like a code (1).
 */
function codeInputScore(input: HTMLInputElement): number {
  if (!isTypable(input) || !CODE_TYPES.has(inputType(input))) return 0;
  const maxLength = maxLengthOf(input);
  if (maxLength !== undefined && maxLength < 6) return 0;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  const labels = labelTexts(input).join(' ');
  if (isDecoy(input, labels)) return 0;
  const isOneTimeCode = autocomplete.split(/\s+/).includes('one-time-code');
  if (!isOneTimeCode && OTHER_AUTOCOMPLETE.test(autocomplete)) return 0;

  let score = 0;
  if (isOneTimeCode) score += 3;
  score += identifierScore(nameWords(input));
  if (CODE_LABEL.test(labels)) score += 1;
  if (maxLength !== undefined && maxLength <= 8) score += 1;
  const pattern = input.getAttribute('pattern') ?? '';
  const numeric =
    (input.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric' ||
    inputType(input) !== 'text' ||
    /\\d\{6\}|\[0-9\]\{6\}/.test(pattern);
  if (numeric) score += 1;
  if (CODE_PLACEHOLDER.test(input.getAttribute('placeholder') ?? '')) score += 1;
  return score;
}

/** A box for one digit of a split code input. */
function isDigitBox(input: HTMLInputElement): boolean {
  if (!isTypable(input) || !CODE_TYPES.has(inputType(input)) || maxLengthOf(input) !== 1) {
    return false;
  }
  return !isDecoy(input, labelTexts(input).join(' '));
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

/** Inputs inside `root`, in tree order, capped so a huge page cannot stall the scan. */
const inputsIn = (root: ParentNode): HTMLInputElement[] => inputsUnder(root, 500);

/**
 * The one-time-code field(s) inside `root`, open shadow roots included. A single input that
 * looks like a code field on strong evidence wins; otherwise the one group of six to eight
 * one-digit boxes; otherwise the best
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
  const groups = digitBoxGroups(inputs.filter(isDigitBox)).filter((group) =>
    SPLIT_SIZES.has(group.length),
  );
  if (groups.length === 1 && groups[0]) return { kind: 'split', inputs: groups[0] };
  if (best && bestScore >= THRESHOLD) return { kind: 'single', input: best };
  return undefined;
}

/** The first element of a code input set, to measure nearness from. */
export const firstCodeInput = (code: CodeInputs): HTMLInputElement =>
  code.kind === 'single' ? code.input : (code.inputs[0] as HTMLInputElement);

/** Every input of a code input set. */
export const allCodeInputs = (code: CodeInputs): HTMLInputElement[] =>
  code.kind === 'single' ? [code.input] : code.inputs;
