// @vitest-environment happy-dom
import fc from 'fast-check';
import { mayHoldCodeField } from './code-field-hint';
import { findCodeInputs } from './find-code-inputs';

/**
 * An attribute that is absent two times in three: fields with few signals are the ones near
 * the line between "may hold a code field" and "does not", where the property can break.
 */
const attribute = (name: string, values: string[]) =>
  fc
    .oneof(
      { arbitrary: fc.constant(undefined), weight: 2 },
      { arbitrary: fc.constantFrom(...values), weight: 1 },
    )
    .map((value) => [name, value] as const);

/** One generated field: attributes drawn from what real forms and the detector care about. */
const field = fc.record({
  attributes: fc.tuple(
    attribute('type', ['text', 'TEL', ' number ', '', 'password', 'email', 'hidden', 'search']),
    attribute('name', ['otp', 'oneTime', 'one__time', 'user', 'zipCode', 'code', 'pinCode', 'q']),
    attribute('id', ['verifyCode', 'my2fa', 'mfaToken', 'username', 'ONETime', 'field-3', 'x']),
    attribute('autocomplete', ['one-time-code', 'off one-time-code', 'username', 'off', 'email']),
    attribute('inputmode', ['numeric', 'NUMERIC', 'text', 'decimal']),
    attribute('maxlength', ['6', ' 6 ', '06', '1', '8', '4', 'x']),
    attribute('pattern', ['\\d{6}', '[0-9]{6}', '.*']),
    attribute('placeholder', ['Code', '6-digit code', 'Email', 'Search']),
  ),
  label: fc.option(fc.constantFrom('Code', 'Verification code', 'One-time password', 'Zip code'), {
    nil: undefined,
  }),
});

function render(fields: (typeof field extends fc.Arbitrary<infer T> ? T : never)[], boxes: number) {
  document.body.innerHTML = '';
  const form = document.createElement('form');
  for (const { attributes, label } of fields) {
    const input = document.createElement('input');
    for (const [name, value] of attributes)
      if (value !== undefined) input.setAttribute(name, value);
    if (label === undefined) form.append(input);
    else {
      const wrapper = document.createElement('label');
      wrapper.append(label, input);
      form.append(wrapper);
    }
  }
  const group = document.createElement('div');
  for (let i = 0; i < boxes; i++) {
    const box = document.createElement('input');
    box.setAttribute('maxlength', '1');
    group.append(box);
  }
  form.append(group);
  document.body.append(form);
}

describe('mayHoldCodeField', () => {
  // 500 runs aimed at sparse fields rather than 2,000 broad ones: about 1 s at load 12, well
  // inside the suite's timeout (vitest.config.ts) on a busy machine.
  it('says yes wherever the full detector finds a code field', () => {
    let found = 0;
    let declined = 0;
    fc.assert(
      fc.property(
        fc.array(field, { maxLength: 6 }),
        fc.constantFrom(0, 0, 0, 6),
        (fields, boxes) => {
          render(fields, boxes);
          if (findCodeInputs(document.body)) {
            found++;
            expect(mayHoldCodeField(document)).toBe(true);
          } else if (!mayHoldCodeField(document)) declined++;
        },
      ),
      { numRuns: 500 },
    );
    // Both sides were exercised: the property could have failed, and the hint does filter.
    expect(found).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(50);
  });

  it('says no to ordinary sign-in and sign-up pages', () => {
    document.body.innerHTML = `
      <form>
        <label>Username <input name="username" autocomplete="username"></label>
        <label>Password <input type="password" name="password"></label>
        <label>Email <input type="email" name="email"></label>
        <input type="hidden" name="_csrf" value="abc">
        <label><input type="checkbox" name="remember"> Remember me</label>
        <button>Sign in</button>
      </form>`;
    expect(mayHoldCodeField(document)).toBe(false);
  });

  it('says yes to a code field inside a web component’s open shadow root', () => {
    document.body.innerHTML = '<form><login-mfa></login-mfa></form>';
    const host = document.querySelector('login-mfa')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<input name="otp">';
    expect(findCodeInputs(document.body)).toBeDefined();
    expect(mayHoldCodeField(document)).toBe(true);
  });

  it.each([
    ['autocomplete', '<input autocomplete="one-time-code">'],
    ['a name', '<input name="totpCode">'],
    ['six digit boxes', '<input maxlength="1"><input maxlength="1">'],
    ['a numeric keypad', '<input inputmode="numeric">'],
    ['a telephone-type field', '<input type="tel">'],
  ])('says yes to a field with %s', (_what, html) => {
    document.body.innerHTML = `<form>${html}</form>`;
    expect(mayHoldCodeField(document)).toBe(true);
  });
});
