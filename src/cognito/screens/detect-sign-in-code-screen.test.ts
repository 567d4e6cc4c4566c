// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { detectSignInCodeScreen } from './detect-sign-in-code-screen';
import amplifySetup from './__fixtures__/amplify-setup-totp.html?raw';
import amplifyConfirmSignIn from './__fixtures__/amplify-confirm-sign-in.html?raw';
import amplifyConfirmSignUp from './__fixtures__/amplify-confirm-sign-up.html?raw';
import hostedClassic from './__fixtures__/hosted-ui-classic-setup.html?raw';
import sixBoxes from './__fixtures__/custom-six-boxes.html?raw';
import loginPage from './__fixtures__/login-page.html?raw';

function page(html: string, url = 'https://app.example.com/login'): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

const body = (inner: string, url?: string) =>
  page(`<!doctype html><html><body>${inner}</body></html>`, url);

describe('detectSignInCodeScreen', () => {
  it('finds Amplify UI’s ConfirmSignIn code input for a TOTP challenge', () => {
    const doc = page(amplifyConfirmSignIn);
    const screen = detectSignInCodeScreen(doc);
    expect(screen).toMatchObject({ codeSource: 'authenticator' });
    expect(screen?.codeInputs).toEqual({
      kind: 'single',
      input: doc.querySelector('input[name=confirmation_code]'),
    });
    expect(screen?.submit?.textContent?.trim()).toBe('Confirm');
  });

  it('reports an SMS challenge as such', () => {
    const doc = page(amplifyConfirmSignIn.replace('Confirm TOTP Code', 'Confirm SMS Code'));
    expect(detectSignInCodeScreen(doc)?.codeSource).toBe('sms');
  });

  it('finds a hosted-UI-like sign-in code page on a Cognito domain', () => {
    const doc = body(
      `<form action="/mfa" method="post">
         <input type="hidden" name="_csrf" value="x" />
         <p>Enter the code from your authenticator app.</p>
         <input name="totpCode" id="totpCode" type="text" autocomplete="one-time-code" />
         <input type="submit" value="Sign in" />
       </form>`,
      'https://myapp.auth.us-east-1.amazoncognito.com/mfa',
    );
    const screen = detectSignInCodeScreen(doc);
    expect(screen).toMatchObject({ codeSource: 'authenticator' });
    expect(screen?.submit).toBe(doc.querySelector('input[type=submit]'));
  });

  it('finds six one-digit boxes on a custom page', () => {
    const doc = body(`
      <h2>Two-step verification</h2>
      <p>We sent a text message to your phone number ending in 42.</p>
      <div class="digits">
        ${'<input type="tel" maxlength="1" />'.repeat(6)}
      </div>
      <button>Verify</button>`);
    const screen = detectSignInCodeScreen(doc);
    expect(screen?.codeInputs.kind).toBe('split');
    expect(screen?.codeSource).toBe('sms');
    expect(screen?.submit?.textContent?.trim()).toBe('Verify');
  });

  it('says unknown when the page does not say where the code comes from', () => {
    const doc = body(
      '<form><label for="o">Code</label><input id="o" name="otp" /><button>Go</button></form>',
    );
    expect(detectSignInCodeScreen(doc)?.codeSource).toBe('unknown');
  });

  it.each([
    ['an ordinary login page', loginPage],
    ['Amplify’s SetupTotp screen', amplifySetup],
    ['a hosted-UI-like setup screen', hostedClassic],
    ['a custom setup screen', sixBoxes],
    ['Amplify’s ConfirmSignUp (an emailed code)', amplifyConfirmSignUp],
  ])('ignores %s', (_, html) => {
    expect(detectSignInCodeScreen(page(html))).toBeNull();
  });

  it('ignores a password reset form that takes a code', () => {
    const doc = body(`
      <form>
        <label for="c">Verification code</label><input id="c" name="code" autocomplete="one-time-code" />
        <label for="n">New password</label><input id="n" type="password" autocomplete="new-password" />
        <button>Reset</button>
      </form>`);
    expect(detectSignInCodeScreen(doc)).toBeNull();
  });

  it.each([
    [
      'a promo code',
      '<label for="p">Promo code</label><input id="p" name="promo" maxlength="6" />',
    ],
    ['a post code', '<input name="postal_code" autocomplete="postal-code" maxlength="6" />'],
    ['a backup code', '<label for="b">Backup code</label><input id="b" name="code" />'],
    ['a read-only code', '<input name="otp" autocomplete="one-time-code" readonly />'],
    ['a hidden code', '<input name="otp" type="hidden" />'],
    ['a password box', '<input name="otp" type="password" maxlength="6" />'],
    ['a field named just "code" with nothing else', '<input name="code" />'],
    ['five one-digit boxes', '<div>' + '<input maxlength="1" />'.repeat(5) + '</div>'],
  ])('does not take %s for a one-time code', (_, inner) => {
    expect(detectSignInCodeScreen(body(`<form>${inner}<button>Go</button></form>`))).toBeNull();
  });

  it('accepts a one-step form that asks for the password and the code', () => {
    const doc = body(`
      <form>
        <input name="username" autocomplete="username" />
        <input name="password" type="password" autocomplete="current-password" />
        <label for="t">Authenticator code</label><input id="t" name="token" maxlength="6" />
        <button>Sign in</button>
      </form>`);
    const screen = detectSignInCodeScreen(doc);
    expect(screen?.codeInputs).toEqual({ kind: 'single', input: doc.getElementById('t') });
    expect(screen?.codeSource).toBe('authenticator');
  });

  it('ignores a reset form whose new-password box says so only in its label', () => {
    const doc = body(`
      <form>
        <label for="c">Code</label><input id="c" name="otp" />
        <label for="n">Confirm password</label><input id="n" type="password" />
      </form>`);
    expect(detectSignInCodeScreen(doc)).toBeNull();
  });

  it('returns null for a document without a body', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.documentElement.removeChild(doc.body);
    expect(detectSignInCodeScreen(doc)).toBeNull();
  });
});
