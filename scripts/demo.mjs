#!/usr/bin/env node
// `npm run demo [-- --browser firefox]`: builds Keyfob, starts the local Cognito rig, and opens
// a browser with Keyfob loaded (fresh temporary profile) on the rig's Amplify UI page. Keyfob
// gets a vault with one example account; then the demo signs a new user in, and Keyfob
// recognises the "Setup TOTP" screen, saves the secret and fills the code. With a display the
// browser stays open for you (Ctrl-C ends it); without one it runs headless, finishes the setup
// and saves screenshots of each step. With `--screenshots` (headless Chromium) it also writes
// the store listing screenshots into docs/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCognitoRig } from '../test/rig/cognito.mjs';
import { startClientPages } from '../test/rig/pages.mjs';
import { launchChromiumDemo } from './demo/chromium.mjs';
import { launchFirefoxDemo } from './demo/firefox.mjs';
import { LISTING_ACCOUNTS } from './demo/listing-shots.mjs';
import { until as waitFor } from './demo/page-ops.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const browserName =
  args.includes('firefox') || args.includes('--browser=firefox') ? 'firefox' : 'chromium';
const listing = args.includes('--screenshots');
const headless = listing || args.includes('--headless') || !process.env.DISPLAY;
if (listing && browserName !== 'chromium') {
  console.error('--screenshots runs in Chromium (the store listing is the same for both stores)');
  process.exit(2);
}
const PASSPHRASE = 'correct horse battery staple';
const EXAMPLE_URI =
  'otpauth://totp/Keyfob%20Demo:demo%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Keyfob%20Demo';

const cleanups = [];
const shots = mkdtempSync(join(tmpdir(), 'keyfob-demo-shots-'));
const step = (text) => console.log(`• ${text}`);

async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
  cleanups.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanup().then(() => process.exit(130)));
}

try {
  step(
    `building Keyfob for ${browserName} (loopback test variant, so it runs on the local demo page)`,
  );
  const buildArgs =
    browserName === 'firefox' ? ['wxt', 'build', '-b', 'firefox', '--mv3'] : ['wxt', 'build'];
  execFileSync('npx', buildArgs, {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, WXT_KEYFOB_E2E: '1' },
  });
  const dist = join(ROOT, '.output/e2e', browserName === 'firefox' ? 'firefox-mv3' : 'chrome-mv3');

  step('starting the local Cognito stand-in (cognito-local + MFA_SETUP proxy) on 127.0.0.1');
  const rig = await startCognitoRig();
  cleanups.push(() => rig.stop());
  const pages = await startClientPages({ cognitoEndpoint: rig.endpoint, pools: rig.pools });
  cleanups.push(() => pages.stop());
  const user = await rig.createUser({ pool: 'required', username: 'demo-user' });

  step(
    `opening ${browserName}${headless ? ' (headless: no display)' : ''} with Keyfob in a fresh profile`,
  );
  const browser =
    browserName === 'firefox'
      ? await launchFirefoxDemo(dist, { headless })
      : await launchChromiumDemo(dist, { headless });
  cleanups.push(() => browser.close());

  const popup = await browser.openPopup();
  await popup.createVaultAndAdd(PASSPHRASE, EXAMPLE_URI);
  await popup.screenshot(join(shots, '1-popup-codes.png'));
  step(`vault created (passphrase: "${PASSPHRASE}") with one example account`);

  const page = await browser.openPage(pages.urls['amplify-ui']);
  await page.signIn(user.username, user.password);
  step(
    `signed in as ${user.username} on ${pages.urls['amplify-ui']}: the app asks to set up an authenticator`,
  );
  const filled = await waitFor(() => page.filledCode(), 'Keyfob to fill the setup code');
  await page.screenshot(join(shots, '2-setup-filled.png'));
  step(`Keyfob recognised the Setup TOTP screen, saved the secret as pending and filled ${filled}`);

  if (headless) {
    await page.confirm();
    await waitFor(
      async () => (await page.status())?.startsWith('signed-in'),
      'the sign-in to finish',
    );
    const state = await waitFor(async () => {
      const u = await rig.getUser(user.username, 'required');
      return u.softwareTokenMfa.verified ? u : undefined;
    }, 'Cognito to record the authenticator');
    step(
      `Cognito verified the code; device name recorded: "${state.softwareTokenMfa.friendlyDeviceName ?? '(none)'}"`,
    );
    await page.screenshot(join(shots, '3-signed-in.png'));
    const popupAfter = await browser.openPopup();
    await popupAfter.waitForText('demo-user');
    await popupAfter.screenshot(join(shots, '4-popup-enrolled.png'));
    if (listing) {
      for (const uri of LISTING_ACCOUNTS) await popupAfter.addAccount(uri);
      const files = await browser.listingShots(join(ROOT, 'docs/screenshots'));
      step(`store listing screenshots: ${files.map((f) => f.slice(ROOT.length + 1)).join(', ')}`);
    }
    console.log('\nScreenshots:');
    for (const name of ['1-popup-codes', '2-setup-filled', '3-signed-in', '4-popup-enrolled']) {
      console.log(`  ${join(shots, `${name}.png`)}`);
    }
    await cleanup();
  } else {
    console.log(
      '\nPress "Confirm" on the page to finish the setup, then open Keyfob from the toolbar.',
    );
    console.log('Ctrl-C closes the browser and the demo servers.');
    await browser.closed();
    await cleanup();
    rmSync(shots, { recursive: true, force: true });
  }
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : error}`);
  await cleanup();
  process.exit(1);
}
