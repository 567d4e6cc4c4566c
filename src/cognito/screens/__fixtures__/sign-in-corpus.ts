/**
 * Sign-in forms for the field-finder corpus, written for Keyfob after the markup real sites and
 * frameworks produce (no page was copied). Each names the code field(s) a person would type
 * into, or none for a decoy: a form with numbers that are not a one-time code.
 *
 * Selectors step into open shadow roots with ` >>> `; `shadows` attaches them, in order,
 * before the finder runs (host selector, again with ` >>> ` for nested components).
 */
export interface CorpusForm {
  name: string;
  /** The page body. */
  html: string;
  /** Shadow roots to attach: host selector → the shadow tree's markup. */
  shadows?: [host: string, html: string][];
  /** The code field, or the boxes of a split code in order; empty for a decoy. */
  expected: string[];
}

const boxes = (count: number, box: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => box(i + 1)).join('\n');

const boxSelectors = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

/** Forms with a one-time-code field to find. */
const CODE_FORMS: CorpusForm[] = [
  {
    name: 'rig: Amplify API page, TOTP challenge',
    html: `<h1>Account security</h1>
      <form id="totp-code-form">
        <label for="sign-in-code">Code from your authenticator app</label>
        <input id="sign-in-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
        <p><button type="submit">Confirm</button></p>
      </form>`,
    expected: ['#sign-in-code'],
  },
  {
    name: 'rig: identity-js page, six one-digit boxes',
    html: `<form id="challenge">
        <fieldset><legend>Six numbers shown by your app</legend>
          <div class="digits" id="challenge-digits">
            ${boxes(6, (i) => `<input id="d${i}" type="text" inputmode="numeric" maxlength="1" autocomplete="${i === 1 ? 'one-time-code' : 'off'}" aria-label="Digit ${i}">`)}
          </div>
        </fieldset>
        <p><button type="submit">Continue</button></p>
      </form>`,
    expected: boxSelectors(6, '#d'),
  },
  {
    name: 'rig: server-rendered hosted page, SOFTWARE_TOKEN_MFA',
    html: `<div class="modal-content"><div class="banner-customizable">Keyfob Demo</div>
      <form name="totpMfaForm" method="post" action="/mfa">
        <div class="form-group">
          <label for="totpCodeInput" class="label-customizable">Enter the code from your authenticator app</label>
          <input id="totpCodeInput" name="totpCode" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" class="form-control inputField-customizable" required>
        </div>
        <input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary">
      </form></div>`,
    expected: ['#totpCodeInput'],
  },
  {
    name: 'rig: Amplify UI page, ConfirmSignIn for TOTP',
    html: `<div data-amplify-authenticator><div data-amplify-router>
      <form data-amplify-form data-amplify-authenticator-confirmsignin method="post">
        <fieldset class="amplify-flex"><h3 class="amplify-heading">Confirm TOTP Code</h3>
          <div class="amplify-flex amplify-field amplify-textfield">
            <label class="amplify-label" for="amplify-id-:r3:">Code *</label>
            <div class="amplify-field-group"><div class="amplify-field-group__field-wrapper">
              <input aria-invalid="false" autocomplete="one-time-code" class="amplify-input" id="amplify-id-:r3:" required type="text" placeholder="Code" autocapitalize="off" name="confirmation_code">
            </div></div>
          </div>
          <button class="amplify-button amplify-button--primary" type="submit">Confirm</button>
          <button class="amplify-button amplify-button--link" type="button">Back to Sign In</button>
        </fieldset>
      </form></div></div>`,
    expected: ['input[name=confirmation_code]'],
  },
  {
    name: 'Cognito classic Hosted UI, code field named only "code"',
    html: `<div class="modal-body"><form name="cognitoMfaForm" method="post" action="/mfa">
        <span class="textDescription-customizable">Enter an authentication code</span>
        <input name="_csrf" type="hidden" value="abc">
        <input id="totpCode" name="code" type="text" class="form-control inputField-customizable" placeholder="Code" autocapitalize="none" required>
        <input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">
      </form></div>`,
    expected: ['#totpCode'],
  },
  {
    name: 'Cognito Managed Login, authenticator code',
    html: `<main><div class="awsui-container"><form method="post" action="/mfa">
        <h1>Multi-factor authentication</h1>
        <p>Enter a code from your authenticator app.</p>
        <div class="awsui-form-field"><label for="formfield-3">Authenticator code</label>
          <input id="formfield-3" name="answer" type="text" inputmode="numeric" autocomplete="one-time-code" aria-describedby="formfield-3-hint">
        </div>
        <button type="submit">Sign in</button>
      </form></div></main>`,
    expected: ['#formfield-3'],
  },
  {
    name: 'Amplify UI (older release), SOFTWARE_TOKEN_MFA in a React tree',
    html: `<div data-amplify-authenticator><form data-amplify-authenticator-confirmsignin>
        <h3>Confirm TOTP Code</h3>
        <label for="amplify-id-5" class="amplify-visually-hidden">Code *</label>
        <input id="amplify-id-5" name="confirmation_code" placeholder="Code" type="number" autocomplete="one-time-code" class="amplify-input">
        <button type="submit">Confirm</button>
      </form></div>`,
    expected: ['#amplify-id-5'],
  },
  {
    name: 'Auth0-style Universal Login, OTP challenge',
    html: `<main class="login"><section><h1>Verify Your Identity</h1>
        <p>Check your preferred one-time password application for a code.</p>
        <form method="POST">
          <input type="hidden" name="state" value="hKFo2SBz">
          <div class="input-wrapper"><label for="code">Enter your one-time code</label>
            <input class="input" inputmode="numeric" name="code" id="code" type="text" required autocomplete="one-time-code" autocapitalize="none" spellcheck="false" autofocus pattern="^[0-9]{6}$">
          </div>
          <button type="submit" name="action" value="default">Continue</button>
        </form></section></main>`,
    expected: ['#code'],
  },
  {
    name: 'Okta-style sign-in widget, Google Authenticator factor',
    html: `<div id="okta-sign-in"><form class="o-form" data-se="o-form">
        <h2 class="okta-form-title">Verify with Google Authenticator</h2>
        <div class="o-form-fieldset"><label for="input61">Enter code</label>
          <span class="o-form-input-name-credentials.passcode"><input type="text" name="credentials.passcode" id="input61" autocomplete="one-time-code"></span>
        </div>
        <input class="button button-primary" type="submit" value="Verify">
      </form></div>`,
    expected: ['#input61'],
  },
  {
    name: 'Keycloak-style OTP login',
    html: `<div id="kc-content"><form id="kc-otp-login-form" action="/login-actions/authenticate" method="post">
        <label for="otp" class="pf-c-form__label">One-time code</label>
        <input id="otp" name="otp" autocomplete="off" type="text" class="pf-c-form-control" autofocus>
        <input class="pf-c-button" name="login" id="kc-login" type="submit" value="Sign In">
      </form></div>`,
    expected: ['#otp'],
  },
  {
    name: 'GitHub-style two-factor page',
    html: `<div class="auth-form"><form action="/sessions/two-factor" method="post">
        <h1>Two-factor authentication</h1>
        <label for="app_totp">Authentication code</label>
        <input type="text" name="app_otp" id="app_totp" class="form-control" autocomplete="one-time-code" inputmode="numeric" maxlength="6" placeholder="XXXXXX" autofocus>
        <button type="submit" class="btn btn-primary">Verify</button>
      </form></div>`,
    expected: ['#app_totp'],
  },
  {
    name: 'Google-style 2-Step Verification with a tel field',
    html: `<div role="presentation"><form><h1>2-Step Verification</h1>
        <p>Get a verification code from the Google Authenticator app</p>
        <input type="tel" name="totpPin" id="totpPin" aria-label="Enter code" pattern="[0-9 ]*" autocomplete="off">
        <button type="button">Next</button>
      </form></div>`,
    expected: ['#totpPin'],
  },
  {
    name: 'Microsoft-style code entry, 8 digits',
    html: `<form name="f1" method="post"><div id="idDiv_SAOTCC_Title">Enter code</div>
        <div id="idDiv_SAOTCC_Description">Enter the code displayed in the authenticator app on your mobile device</div>
        <input name="otc" type="tel" id="idTxtBx_SAOTCC_OTC" maxlength="8" aria-label="Code" placeholder="Code" autocomplete="off">
        <input type="submit" id="idSubmit_SAOTCC_Continue" value="Verify">
      </form>`,
    expected: ['#idTxtBx_SAOTCC_OTC'],
  },
  {
    name: 'Firebase-style custom React form, verificationCode',
    html: `<div class="card"><form><h2>Enter your code</h2>
        <input name="verificationCode" placeholder="123456" class="MuiInputBase-input">
        <button type="submit" class="MuiButton-root">Verify</button>
      </form></div>`,
    expected: ['input[name=verificationCode]'],
  },
  {
    name: 'Spanish page: código de verificación',
    html: `<form><h2>Verificación en dos pasos</h2>
        <label for="codigo">Código de verificación</label>
        <input id="codigo" name="codigo" inputmode="numeric">
        <button>Continuar</button>
      </form>`,
    expected: ['#codigo'],
  },
  {
    name: 'German page: Bestätigungscode',
    html: `<form><h2>Zwei-Faktor-Authentifizierung</h2>
        <label>Bestätigungscode <input name="bestaetigungscode" maxlength="6"></label>
        <button>Anmelden</button>
      </form>`,
    expected: ['input[name=bestaetigungscode]'],
  },
  {
    name: 'French page: code de vérification in aria text',
    html: `<form><h2>Validation en deux étapes</h2>
        <input name="code_verification" aria-label="Code de vérification" inputmode="numeric" maxlength="6">
        <button>Valider</button>
      </form>`,
    expected: ['input[name=code_verification]'],
  },
  {
    name: 'Japanese page: 認証コード',
    html: `<form><h2>2段階認証</h2>
        <label for="c1">認証コード</label><input id="c1" name="c1" inputmode="numeric" maxlength="6">
        <button>確認</button>
      </form>`,
    expected: ['#c1'],
  },
  {
    name: 'bare numeric field of 8 for an 8-digit code',
    html: `<form><p>Enter the 8-digit code.</p><input id="n8" inputmode="numeric" maxlength="8"><button>OK</button></form>`,
    expected: ['#n8'],
  },
  {
    name: 'react-otp-input style split widget with separators',
    html: `<form><h3>Enter verification code</h3>
        <div class="otp-container" style="display:flex">
          ${boxes(6, (i) => `<div style="display:flex;align-items:center"><input id="r${i}" aria-label="Please enter OTP character ${i}" type="tel" maxlength="1" autocomplete="off"><span>${i < 6 ? '-' : ''}</span></div>`)}
        </div><button>Verify</button>
      </form>`,
    expected: boxSelectors(6, '#r'),
  },
  {
    name: 'Vue split widget, each box in its own cell',
    html: `<div class="verify"><p>Enter the code from your authenticator</p>
        <div class="code-input">
          ${boxes(6, (i) => `<div class="cell"><span class="wrap"><input id="v${i}" type="number" maxlength="1" pattern="[0-9]" inputmode="numeric"></span></div>`)}
        </div><button>Submit</button></div>`,
    expected: boxSelectors(6, '#v'),
  },
  {
    name: 'split widget of 8 boxes',
    html: `<form><p>Enter the 8-digit code from your app</p><div class="pins">
        ${boxes(8, (i) => `<input id="e${i}" inputmode="numeric" maxlength="1">`)}
      </div><button>Go</button></form>`,
    expected: boxSelectors(8, '#e'),
  },
  {
    name: 'input-otp style: one real input over drawn slots',
    html: `<form><div data-input-otp-container style="position:relative">
        <div class="slots">${boxes(6, () => '<div class="slot"></div>')}</div>
        <input id="iotp" data-input-otp="true" autocomplete="one-time-code" inputmode="numeric" pattern="^\\d+$" maxlength="6" style="position:absolute;inset:0;color:transparent">
      </div><button>Continue</button></form>`,
    expected: ['#iotp'],
  },
  {
    name: 'one-step form: password and authenticator code',
    html: `<form>
        <input name="username" autocomplete="username">
        <input name="password" type="password" autocomplete="current-password">
        <label for="t">Authenticator code</label><input id="t" name="token" maxlength="6">
        <button>Sign in</button>
      </form>`,
    expected: ['#t'],
  },
  {
    name: 'web component: code field in an open shadow root',
    html: `<h1>Sign in</h1><login-mfa id="mfa"></login-mfa>`,
    shadows: [
      [
        '#mfa',
        `<form><label for="otp">Authentication code</label>
          <input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric"><button>Verify</button></form>`,
      ],
    ],
    expected: ['#mfa >>> #otp'],
  },
  {
    name: 'web component: split boxes in an open shadow root',
    html: `<p>Enter the code from your authenticator app</p><otp-field id="of"></otp-field>`,
    shadows: [
      [
        '#of',
        `<div class="boxes" part="boxes">${boxes(6, (i) => `<input id="s${i}" maxlength="1" inputmode="numeric" aria-label="Digit ${i}">`)}</div>`,
      ],
    ],
    expected: boxSelectors(6, '#of >>> #s'),
  },
  {
    name: 'nested web components (Lit-style card holding a code input)',
    html: `<auth-card id="card"></auth-card>`,
    shadows: [
      [
        '#card',
        `<section><h2>Two-factor authentication</h2><code-input id="ci"></code-input></section>`,
      ],
      ['#card >>> #ci', `<label for="x">Code</label><input id="x" name="mfaCode" maxlength="6">`],
    ],
    expected: ['#card >>> #ci >>> #x'],
  },
];

/** Forms with numbers that are not a one-time code: the finder must leave them alone. */
const DECOYS: CorpusForm[] = [
  {
    name: 'decoy: checkout with card number, expiry, CVC and postcode',
    html: `<form><h2>Payment</h2>
        <label for="cc">Card number</label><input id="cc" name="cardnumber" autocomplete="cc-number" inputmode="numeric" maxlength="19">
        <label for="exp">Expiry</label><input id="exp" name="exp-date" autocomplete="cc-exp" placeholder="MM / YY" maxlength="7">
        <label for="cvc">Security code</label><input id="cvc" name="cvc" autocomplete="cc-csc" inputmode="numeric" maxlength="4">
        <label for="zip">ZIP</label><input id="zip" name="postal" autocomplete="postal-code" inputmode="numeric" maxlength="6">
        <button>Pay</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: card security code without autocomplete',
    html: `<form><label for="sc">Card security code (CVV)</label><input id="sc" name="securityCode" inputmode="numeric" maxlength="6"><button>Pay</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: phone sign-up with an SMS country selector',
    html: `<form><h2>Get a code by SMS</h2>
        <select name="sms_country"><option>+44</option><option>+1</option></select>
        <input type="tel" name="phone" autocomplete="tel-national" maxlength="8" placeholder="Mobile number">
        <input type="tel" name="country_code" maxlength="6" placeholder="Country code">
        <button>Send code</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: site search for a product code',
    html: `<header><form role="search"><input type="search" name="q" placeholder="Search">
        <input name="code" placeholder="Search by product code" maxlength="8"></form></header>`,
    expected: [],
  },
  {
    name: 'decoy: ordinary password login page with a promo code',
    html: `<form action="/login" method="post"><h1>Sign in</h1>
        <label for="u">Email</label><input id="u" name="username" type="email" autocomplete="username">
        <label for="p">Password</label><input id="p" name="password" type="password" autocomplete="current-password">
        <label for="promo">Promo code</label><input id="promo" name="promo_code" type="text" maxlength="8">
        <button type="submit">Sign in</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: bank transfer amount',
    html: `<form><label for="amt">Amount</label><input id="amt" name="amount" inputmode="numeric" maxlength="7">
        <label for="ref">Reference</label><input id="ref" name="reference"><button>Send</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: UK postcode and US ZIP',
    html: `<form><input name="postcode" maxlength="8" placeholder="Postcode"><input name="zip" inputmode="numeric" maxlength="6"><button>Find address</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: date of birth in three boxes',
    html: `<form><fieldset><legend>Date of birth</legend>
        <input name="dob-day" inputmode="numeric" maxlength="2"><input name="dob-month" inputmode="numeric" maxlength="2"><input name="dob-year" inputmode="numeric" maxlength="4">
      </fieldset><button>Continue</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: four-digit SMS PIN boxes',
    html: `<form><p>We texted you a 4-digit PIN</p><div>${boxes(4, () => '<input inputmode="numeric" maxlength="1">')}</div><button>Go</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: a code in a password box',
    html: `<form><label for="pw">PIN</label><input id="pw" type="password" name="pin" maxlength="6" inputmode="numeric"><button>Unlock</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: gift card number and PIN',
    html: `<form><label>Gift card number <input name="giftCardNumber" inputmode="numeric" maxlength="16"></label>
        <label>Gift card PIN <input name="giftCardPin" inputmode="numeric" maxlength="6"></label><button>Apply</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: phone number split in three boxes',
    html: `<form><label>Telephone</label><div><input type="tel" maxlength="3"><input type="tel" maxlength="3"><input type="tel" maxlength="4"></div><button>Save</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: password reset with a code and a new password',
    html: `<form><label for="rc">Verification code</label><input id="rc" name="code" autocomplete="one-time-code">
        <label for="np">New password</label><input id="np" type="password" autocomplete="new-password"><button>Reset</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: recovery (backup) code form',
    html: `<form><label for="rcv">Recovery code</label><input id="rcv" name="recovery_code" maxlength="10"><button>Verify</button></form>`,
    expected: [],
  },
  {
    name: 'decoy: hidden and read-only code inputs',
    html: `<form><input type="hidden" name="otp" value=""><input name="otp2" autocomplete="one-time-code" readonly><button>Go</button></form>`,
    expected: [],
  },
];

/** Every corpus form: the code forms, then the decoys. */
export const SIGN_IN_CORPUS: readonly CorpusForm[] = [...CODE_FORMS, ...DECOYS];
