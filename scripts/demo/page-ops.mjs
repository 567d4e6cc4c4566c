/* global document */
// Page steps of the demo, written against what playwright-core and puppeteer-core pages both
// offer (evaluate, click, keyboard.type, screenshot), so Chromium and Firefox share them.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something truthy; throws after `timeoutMs`. */
export async function until(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Focuses the form control whose <label> text is exactly `label`; false if none yet. */
function focusByLabel(page, label) {
  return page.evaluate((text) => {
    const found = [...document.querySelectorAll('label')].find(
      (l) => l.textContent?.trim() === text,
    );
    const control = found?.control;
    if (!control) return false;
    control.focus();
    return true;
  }, label);
}

export async function typeInto(page, label, text) {
  await until(() => focusByLabel(page, label), `the "${label}" field`);
  await page.keyboard.type(text);
}

export function clickButton(page, name) {
  return until(
    () =>
      page.evaluate((text) => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => (b.getAttribute('aria-label') ?? b.textContent)?.trim() === text,
        );
        button?.click();
        return Boolean(button);
      }, name),
    `the "${name}" button`,
  );
}

export function hasText(page, text) {
  return page.evaluate((t) => document.body?.innerText.includes(t) ?? false, text);
}

/** The popup's steps. */
export function popupOps(page) {
  return {
    async createVaultAndAdd(passphrase, uri) {
      await typeInto(page, 'Passphrase', passphrase);
      await typeInto(page, 'Confirm passphrase', passphrase);
      await clickButton(page, 'Create vault');
      await clickButton(page, 'Add account');
      await typeInto(page, 'otpauth URI', uri);
      await clickButton(page, 'Add');
      await until(() => hasText(page, 'Keyfob Demo'), 'the example account');
    },
    async addAccount(uri) {
      await clickButton(page, 'Add account');
      await typeInto(page, 'otpauth URI', uri);
      await clickButton(page, 'Add');
      const issuer = new URL(uri).searchParams.get('issuer') ?? '';
      await until(() => hasText(page, issuer), `the account ${issuer}`);
    },
    waitForText: (text) => until(() => hasText(page, text), `"${text}" in the popup`),
    screenshot: (path) => page.screenshot({ path }),
  };
}

/** The rig's Amplify UI Authenticator page. */
export function amplifyPageOps(page) {
  return {
    async signIn(username, password) {
      await until(
        () => page.evaluate(() => document.body?.dataset.status === 'signed-out'),
        'the sign-in form',
      );
      await page.click('input[name=username]');
      await page.keyboard.type(username);
      await page.click('input[name=password]');
      await page.keyboard.type(password);
      await page.click('button[type=submit]');
    },
    filledCode: () =>
      page.evaluate(() => {
        const value = document.querySelector('input[name=confirmation_code]')?.value ?? '';
        return /^\d{6}$/.test(value) ? value : null;
      }),
    confirm: () => page.click('form[data-amplify-authenticator-setup-totp] button[type=submit]'),
    status: () => page.evaluate(() => document.body?.dataset.status ?? null),
    screenshot: (path) => page.screenshot({ path }),
  };
}
