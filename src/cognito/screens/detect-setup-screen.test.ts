// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { detectSetupScreen } from './detect-setup-screen';
import amplifySetup from './__fixtures__/amplify-setup-totp.html?raw';
import amplifyConfirmSignIn from './__fixtures__/amplify-confirm-sign-in.html?raw';
import hostedClassic from './__fixtures__/hosted-ui-classic-setup.html?raw';
import managedLogin from './__fixtures__/managed-login-setup.html?raw';
import sixBoxes from './__fixtures__/custom-six-boxes.html?raw';
import loginPage from './__fixtures__/login-page.html?raw';
import base32NoInput from './__fixtures__/base32-no-input.html?raw';

/** A document at `url`, so same-origin checks and host names mean something. */
function page(html: string, url = 'https://app.example.com/account/security'): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

const body = (inner: string, url?: string) =>
  page(`<!doctype html><html><body>${inner}</body></html>`, url);

describe('detectSetupScreen on Amplify UI SetupTotp', () => {
  const doc = page(amplifySetup);
  const screen = detectSetupScreen(doc);

  it('recognises the form by its own markup', () => {
    expect(screen?.form).toBe(doc.querySelector('form[data-amplify-authenticator-setup-totp]'));
  });

  it('reads the secret from the copy box', () => {
    expect(screen?.secret).toBe('HZ4KQM2XVB7RLT3WNP6DYCFJ5SUEOGA2');
    expect(screen?.ambiguous).toBe(false);
  });

  it('offers the QR data URL with its element', () => {
    const qr = doc.querySelector('img[data-amplify-qrcode]');
    expect(screen?.qrImages).toHaveLength(1);
    expect(screen?.qrImages[0]?.element).toBe(qr);
    expect(screen?.qrImages[0]?.src.startsWith('data:image/png;base64,')).toBe(true);
    expect(screen?.qrImages[0]?.labelledQr).toBe(true);
  });

  it('finds the code input and the Confirm button, and no device-name field', () => {
    expect(screen?.codeInputs).toEqual({
      kind: 'single',
      input: doc.querySelector('input[name=confirmation_code]'),
    });
    expect(screen?.submit?.textContent?.trim()).toBe('Confirm');
    expect(screen?.deviceName).toBeUndefined();
  });

  it('still works while the QR code is loading', () => {
    const loading = page(
      amplifySetup.replace(/<img data-amplify-qrcode[^>]*\/>/, '<p>Loading…</p>'),
    );
    const found = detectSetupScreen(loading);
    expect(found?.secret).toBe('HZ4KQM2XVB7RLT3WNP6DYCFJ5SUEOGA2');
    expect(found?.qrImages).toEqual([]);
  });

  it('is not a setup screen on the ConfirmSignIn route', () => {
    expect(detectSetupScreen(page(amplifyConfirmSignIn))).toBeNull();
  });
});

describe('detectSetupScreen on hosted-UI-like pages', () => {
  it('reads a classic hosted UI page by meaning, with a grouped secret', () => {
    const doc = page(hostedClassic, 'https://login.example.com/mfa/setup');
    const screen = detectSetupScreen(doc);
    expect(screen?.secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(screen?.codeInputs).toEqual({
      kind: 'single',
      input: doc.getElementById('totpCodeInput'),
    });
    expect(screen?.submit).toBe(doc.querySelector('input[name=mfaSetupButton]'));
    expect(screen?.form).toBe(doc.querySelector('form[name=mfaSetupForm]'));
    // Same-origin QR image, referenced by URL.
    expect(screen?.qrImages.map((image) => image.src)).toEqual([
      'https://login.example.com/mfa/qr?session=abc123',
    ]);
  });

  it('ignores text in scripts', () => {
    const doc = page(hostedClassic.replace('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ', ''));
    const screen = detectSetupScreen(doc);
    // Still a setup screen, on the strength of its QR image (class="mfa-qr") alone.
    expect(screen?.qrImages).toHaveLength(1);
    expect(screen?.secret).toBeUndefined();
  });

  it('reads a Managed-Login-like page on a Cognito domain', () => {
    const doc = page(managedLogin, 'https://myapp.auth.eu-west-1.amazoncognito.com/mfa');
    const screen = detectSetupScreen(doc);
    expect(screen?.secret).toBe('MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U');
    expect(screen?.otpauthUri).toBe(
      'otpauth://totp/MyPool:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=MyPool',
    );
    expect(screen?.deviceName?.input).toBe(doc.getElementById('name'));
    expect(screen?.deviceName?.label).toBe('Authenticator name');
    expect(screen?.codeInputs).toEqual({ kind: 'single', input: doc.getElementById('c') });
    expect(screen?.submit?.textContent?.trim()).toBe('Continue');
  });

  it('reads the same markup by meaning on a custom domain', () => {
    expect(detectSetupScreen(page(managedLogin, 'https://auth.example.org/mfa'))?.secret).toBe(
      'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    );
  });
});

describe('detectSetupScreen on a custom page', () => {
  const doc = page(sixBoxes, 'https://acme.test/settings/2fa');
  const screen = detectSetupScreen(doc);

  it('finds six one-digit boxes in order', () => {
    const boxes = Array.from(doc.querySelectorAll('.otp input'));
    expect(screen?.codeInputs).toEqual({ kind: 'split', inputs: boxes });
  });

  it('joins a grouped lower-case secret', () => {
    expect(screen?.secret).toBe('KQ4T6MZX3VBN7RLW');
  });

  it('finds the device-name field by its label, in the page’s words', () => {
    expect(screen?.deviceName).toEqual({
      input: doc.getElementById('nick'),
      label: 'Name this device',
    });
  });

  it('finds the button that submits without a form', () => {
    expect(screen?.form).toBeUndefined();
    expect(screen?.submit?.textContent?.trim()).toBe('Activate');
  });

  it('lists the same-origin image as a QR candidate without counting it as evidence', () => {
    expect(screen?.qrImages.map((image) => image.src)).toEqual([
      'https://acme.test/api/mfa/qr.png',
    ]);
    const withoutSecret = page(
      sixBoxes.replace('kq4t 6mzx 3vbn 7rlw', ''),
      'https://acme.test/settings/2fa',
    );
    expect(detectSetupScreen(withoutSecret)).toBeNull();
  });
});

describe('detectSetupScreen: what it must not take for a setup screen', () => {
  it('ignores an ordinary login page, even with a base32-looking build id', () => {
    expect(detectSetupScreen(page(loginPage))).toBeNull();
  });

  it('ignores a secret, a QR code and an otpauth link with no code input', () => {
    expect(detectSetupScreen(page(base32NoInput))).toBeNull();
  });

  it('ignores upper-case words and hex strings near a code input', () => {
    const doc = body(`
      <form>
        <h1>TWO-FACTOR AUTHENTICATION REQUIRED</h1>
        <p>INTERNATIONALIZATION</p>
        <p>Request id: 3f2a9c1d7e4b5a60 deadbeefcafe2345deadbeefcafe2345</p>
        <p>THIS CODE WILL WORK ONCE ONLY</p>
        <p>Key: ABCDEFGHIJKLMNOPQRSTUVWX</p>
        <label for="otp">Code</label><input id="otp" name="otp" autocomplete="one-time-code" />
        <button>Verify</button>
      </form>`);
    expect(detectSetupScreen(doc)).toBeNull();
  });

  it('takes a letters-only secret only when it stands alone and is labelled', () => {
    const labelled = body(`
      <form>
        <p>Secret key</p><code>ABCDEFGHJKLMNPQRSTUVWXYZ</code>
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    expect(detectSetupScreen(labelled)?.secret).toBe('ABCDEFGHJKLMNPQRSTUVWXYZ');
    const inSentence = body(`
      <form>
        <p>Secret key ABCDEFGHJKLMNPQRSTUVWXYZ is shown here</p>
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    expect(detectSetupScreen(inSentence)).toBeNull();
  });

  it('ignores mixed-case words and impossible base32 lengths', () => {
    const doc = body(`
      <form>
        <p>Secret: <code>AbCdEfGh234567Ab</code></p>
        <p>Secret: <code>ABCDEFGH23456ABCD</code></p>
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    expect(detectSetupScreen(doc)).toBeNull();
  });

  it('ignores a secret far from the code input', () => {
    const deep =
      '<div>'.repeat(10) +
      '<input name="otp" autocomplete="one-time-code" />' +
      '</div>'.repeat(10);
    const doc = body(`<main><p>Your key: <code>JBSWY3DPEHPK3PXP</code></p>${deep}</main>`);
    expect(detectSetupScreen(doc)).toBeNull();
  });

  it('does not count cross-origin images or images with the wrong shape', () => {
    const doc = body(`
      <form>
        <img alt="QR code" src="https://cdn.other.test/qr.png" />
        <img alt="QR code" src="data:image/png;base64,AAAA" width="300" height="60" />
        <img alt="QR code" src="data:image/png;base64,AAAA" width="16" height="16" />
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    expect(detectSetupScreen(doc)).toBeNull();
  });
});

describe('detectSetupScreen: edge cases', () => {
  it('refuses to pick between two different secrets', () => {
    const doc = body(`
      <form>
        <p>Key: <code>JBSWY3DPEHPK3PXP</code></p>
        <p>Key: <code>KQ4T6MZX3VBN7RLW</code></p>
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    const screen = detectSetupScreen(doc);
    expect(screen?.ambiguous).toBe(true);
    expect(screen?.secret).toBeUndefined();
  });

  it('refuses to pick when the text and the otpauth link disagree', () => {
    const doc = body(`
      <form>
        <p>Key: <code>JBSWY3DPEHPK3PXP</code></p>
        <a href="otpauth://totp/X:y?secret=KQ4T6MZX3VBN7RLW">Open</a>
        <input name="otp" autocomplete="one-time-code" />
      </form>`);
    const screen = detectSetupScreen(doc);
    expect(screen?.ambiguous).toBe(true);
    expect(screen?.otpauthUri).toBeUndefined();
  });

  it('reads a secret in a read-only copy box, and an otpauth URI printed as text', () => {
    const doc = body(`
      <form>
        <label>Secret <input readonly value="JBSW Y3DP EHPK 3PXP" /></label>
        <p>otpauth://totp/Acme:erin?secret=JBSWY3DPEHPK3PXP&amp;issuer=Acme</p>
        <input name="totp_code" maxlength="6" inputmode="numeric" />
        <input type="submit" value="Verify" />
      </form>`);
    const screen = detectSetupScreen(doc);
    expect(screen?.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(screen?.otpauthUri).toBe('otpauth://totp/Acme:erin?secret=JBSWY3DPEHPK3PXP&issuer=Acme');
    expect(screen?.codeInputs).toMatchObject({ kind: 'single', input: { name: 'totp_code' } });
  });

  it('counts a QR-only screen, leaving decoding to the caller', () => {
    const doc = body(`
      <form>
        <img alt="Scan this QR code" src="/qr.svg" />
        <input name="code" autocomplete="one-time-code" />
      </form>`);
    const screen = detectSetupScreen(doc);
    expect(screen?.qrImages.map((image) => image.src)).toEqual(['https://app.example.com/qr.svg']);
    expect(screen?.secret).toBeUndefined();
  });

  it('returns null for a document without a body', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.documentElement.removeChild(doc.body);
    expect(detectSetupScreen(doc)).toBeNull();
  });

  it('reads the text nearest the code input first, and stops reading a huge page', () => {
    const doc = body(
      '<div id="noise"></div><form><p>Key: <code>JBSWY3DPEHPK3PXP</code></p><input name="otp" autocomplete="one-time-code" /></form>',
    );
    // Text nodes before the form, so a walk in document order would meet them all first.
    const noise = doc.getElementById('noise')!;
    const pageNodes = 12_000;
    for (let i = 0; i < pageNodes; i++) noise.appendChild(doc.createTextNode('ABCDEFGH lorem '));
    let visited = 0;
    const createTreeWalker = doc.createTreeWalker.bind(doc);
    doc.createTreeWalker = (root, whatToShow, filter) =>
      createTreeWalker(root, whatToShow, {
        acceptNode(node) {
          visited++;
          return (filter as { acceptNode(node: Node): number }).acceptNode(node);
        },
      });
    expect(detectSetupScreen(doc)?.secret).toBe('JBSWY3DPEHPK3PXP');
    // Work, not time (speed belongs to the bench): the detector's walks over the page's text
    // (one for secrets, one for otpauth URIs) read less, together, than the page holds.
    expect(visited).toBeGreaterThan(0);
    expect(visited).toBeLessThan(pageNodes);
  });
});
