import { isInput, isNear, labelTexts, nameWords, surroundingText } from './dom-text';
import { findCodeInputs, firstCodeInput, type CodeInputs } from './find-code-inputs';
import { findSubmitControl, type SubmitControl } from './find-submit';
import { detectSetupScreen } from './detect-setup-screen';

/** Where the page says its code comes from. Only `authenticator` codes are Keyfob's to give. */
export type CodeSource = 'authenticator' | 'sms' | 'email' | 'unknown';

/** A screen that asks for a one-time code at sign-in. */
export interface SignInCodeScreen {
  codeInputs: CodeInputs;
  /** Where the words around the input say the code comes from. */
  codeSource: CodeSource;
  form?: HTMLFormElement;
  submit?: SubmitControl;
}

/**
 * Amplify UI forms that take a confirmation code that is not an MFA code: sign-up and
 * attribute confirmation, password reset.
 */
const AMPLIFY_NOT_MFA = [
  'form[data-amplify-authenticator-confirmsignup]',
  'form[data-amplify-authenticator-confirmresetpassword]',
  'form[data-amplify-authenticator-confirmverifyuser]',
  'form[data-amplify-authenticator-forgotpassword]',
  'form[data-amplify-authenticator-signup]',
].join(', ');

const AUTHENTICATOR_WORDS =
  /\b(authenticator|authentication app|authenticator app|totp|time-based|mfa app|2fa app|google authenticator|authy)\b/i;
const SMS_WORDS = /\b(sms|text message|texted|phone number ending|sent to your phone)\b/i;
const EMAIL_WORDS =
  /\b(email code|emailed|sent to your email|e-?mail address ending|check your e-?mail)\b/i;

/** Words that mark a password box as one for a new password. */
const NEW_PASSWORD = /\b(new|confirm|repeat|retype|re-enter)\b/i;

/**
 * A password box for a new password in the same form (or near the input): the code belongs to
 * a password reset, not to a sign-in. A current-password box is fine: some pages ask for the
 * password and the code in one step.
 */
function asksForNewPassword(scope: ParentNode, near: Element | undefined): boolean {
  return Array.from(scope.querySelectorAll('input[type=password]')).some((input) => {
    if (!isInput(input) || (near && !isNear(near, input, 4))) return false;
    const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
    if (autocomplete.includes('new-password')) return true;
    const words = [...nameWords(input), ...labelTexts(input)].join(' ');
    return NEW_PASSWORD.test(words);
  });
}

function codeSourceOf(text: string): CodeSource {
  if (AUTHENTICATOR_WORDS.test(text)) return 'authenticator';
  if (SMS_WORDS.test(text)) return 'sms';
  if (EMAIL_WORDS.test(text)) return 'email';
  return 'unknown';
}

/**
 * Reads `doc` for a sign-in screen asking for a one-time code: a code input that is not part
 * of a setup screen (no secret, otpauth URI or QR code near it), not next to a new-password
 * box (that is a password reset), and not in one of Amplify UI's non-MFA code forms.
 * `codeSource` says whether the page asks for an authenticator code; the caller decides what
 * to do with SMS or email screens. Null when there is no such input.
 */
export function detectSignInCodeScreen(doc: Document): SignInCodeScreen | null {
  const body = doc.body;
  if (!body) return null;
  const amplifyForm = doc.querySelector<HTMLFormElement>(
    'form[data-amplify-authenticator-confirmsignin]',
  );
  const codeInputs = findCodeInputs(amplifyForm ?? body);
  if (!codeInputs) return null;
  const anchor = firstCodeInput(codeInputs);
  if (anchor.closest(AMPLIFY_NOT_MFA)) return null;
  const form = anchor.closest('form') ?? undefined;
  if (asksForNewPassword(form ?? body, form ? undefined : anchor)) return null;
  if (detectSetupScreen(doc)) return null;

  const screen: SignInCodeScreen = {
    codeInputs,
    codeSource: codeSourceOf(surroundingText(anchor, 5)),
  };
  if (form) screen.form = form;
  const submit = findSubmitControl(form, anchor);
  if (submit) screen.submit = submit;
  return screen;
}
