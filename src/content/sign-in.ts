import type { SignInCodeScreen } from '../cognito/screens';
import type { SendContentMessage } from '../messaging/content-client';
import { isOtpCode } from './commands';
import { fillCode, isCodeEmpty, submitCode } from './fill';

/** What {@link createSignIn} needs. */
export interface SignInDeps {
  /** Reads the page for a sign-in code screen. */
  detect(): SignInCodeScreen | null;
  send: SendContentMessage;
  isStopped(): boolean;
}

/** The sign-in code screens of a page. */
export interface SignIn {
  /**
   * A sign-in code screen the detectors found: asks the background once per code field for
   * a code (it answers only where the person turned automatic fill on) and fills it.
   */
  onScreen(screen: SignInCodeScreen): Promise<void>;
  /** Fills a code the background sent into the sign-in screen; false when there is none. */
  fill(code: string, autoSubmit: boolean): boolean;
  /** Asks again for code fields already asked about (a scan the background requested). */
  forget(): void;
}

/** Sign-in code screens: automatic fill where allowed, and fills on the person's request. */
export function createSignIn(deps: SignInDeps): SignIn {
  const { detect, send, isStopped } = deps;
  let asked = new WeakSet<HTMLInputElement>();

  return {
    async onScreen(screen) {
      if (screen.codeSource === 'sms' || screen.codeSource === 'email') return;
      const anchor =
        screen.codeInputs.kind === 'single' ? screen.codeInputs.input : screen.codeInputs.inputs[0];
      if (!anchor || asked.has(anchor) || !isCodeEmpty(screen.codeInputs)) return;
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
      if (fresh && isCodeEmpty(fresh.codeInputs)) fillCode(fresh.codeInputs, code);
    },
    fill(code, autoSubmit) {
      const screen = detect();
      if (!screen) return false;
      fillCode(screen.codeInputs, code);
      if (autoSubmit) submitCode(screen.form, screen.submit);
      return true;
    },
    forget() {
      asked = new WeakSet();
    },
  };
}
