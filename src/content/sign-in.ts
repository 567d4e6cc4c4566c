import type { SignInCodeScreen } from '../cognito/screens';
import type { SendContentMessage } from '../messaging/content-client';
import type { ContentCommandReply } from '../messaging/content-protocol';
import { isOtpCode } from './commands';
import { codeInputList, fillCode, isCodeEmpty, submitCode } from './fill';
import type { FieldVisibility } from './visibility';

/** What {@link createSignIn} needs. */
export interface SignInDeps {
  /** Reads the page for a sign-in code screen. */
  detect(): SignInCodeScreen | null;
  send: SendContentMessage;
  isStopped(): boolean;
  /** Why a person cannot see a field, or null when they can (./visibility). */
  whyHidden: FieldVisibility;
}

/** The sign-in code screens of a page. */
export interface SignIn {
  /**
   * A sign-in code screen the detectors found: asks the background once per code field for
   * a code (it answers only where the person turned automatic fill on) and fills it.
   */
  onScreen(screen: SignInCodeScreen): Promise<void>;
  /**
   * Fills a code the background sent into the sign-in screen, and says what happened: refused
   * when there is no code field, or one the person cannot see.
   */
  fill(code: string, autoSubmit: boolean): ContentCommandReply;
  /** Asks again for code fields already asked about (a scan the background requested). */
  forget(): void;
}

/** Sign-in code screens: automatic fill where allowed, and fills on the person's request. */
export function createSignIn(deps: SignInDeps): SignIn {
  const { detect, send, isStopped, whyHidden } = deps;
  let asked = new WeakSet<HTMLInputElement>();
  // About to fill: a field merely out of view is scrolled into view, then measured.
  const canSee = (screen: SignInCodeScreen) =>
    codeInputList(screen.codeInputs).every((field) => whyHidden(field, true) === null);
  // Before asking for a code nothing scrolls (the background may give none): a field merely
  // out of view may still be filled, one hidden any other way is not asked about.
  const mayShow = (screen: SignInCodeScreen) =>
    codeInputList(screen.codeInputs).every((field) => {
      const reason = whyHidden(field, false);
      return reason === null || reason === 'off-screen';
    });

  return {
    async onScreen(screen) {
      if (screen.codeSource === 'sms' || screen.codeSource === 'email') return;
      const anchor =
        screen.codeInputs.kind === 'single' ? screen.codeInputs.input : screen.codeInputs.inputs[0];
      // A field the person cannot see is not asked about: it may be asked about once it shows.
      if (!anchor || asked.has(anchor) || !isCodeEmpty(screen.codeInputs) || !mayShow(screen)) {
        return;
      }
      asked.add(anchor);
      let code: string | null = null;
      try {
        ({ code } = await send('requestSignInCode', {}));
      } catch {
        return;
      }
      if (isStopped() || !isOtpCode(code)) return;
      // The page may have moved on while the background answered: look again.
      const fresh = detect();
      if (fresh && isCodeEmpty(fresh.codeInputs) && canSee(fresh)) {
        fillCode(fresh.codeInputs, code);
      }
    },
    fill(code, autoSubmit) {
      const screen = detect();
      if (!screen) return { done: false, refused: 'no-field' };
      if (!canSee(screen)) return { done: false, refused: 'hidden-field' };
      fillCode(screen.codeInputs, code);
      if (autoSubmit) submitCode(screen.form, screen.submit);
      return { done: true };
    },
    forget() {
      asked = new WeakSet();
    },
  };
}
