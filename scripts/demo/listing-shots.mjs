/* global document */
// Store listing screenshots (1280×800, the Chrome Web Store size; AMO takes the same), made
// by `npm run demo -- --screenshots` in headless Chromium: the popup's list, Add account and
// the options page, in the light and the dark theme. Demo data only: no real secret.
import { clickButton, hasText, until } from './page-ops.mjs';

const SIZE = { width: 1280, height: 800 };
/** Extra example accounts, so the list looks like someone's. */
export const LISTING_ACCOUNTS = [
  'otpauth://totp/GitHub:octo-demo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub',
  'otpauth://totp/AWS:admin%40example.com?secret=MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK&issuer=AWS',
  'otpauth://totp/Fastmail:me%40example.org?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Fastmail',
];

// The popup is a 360 px panel: shown in the middle of the picture, as the browser shows it.
const FRAME_POPUP = `
  html { min-height: 100%; background: light-dark(#dfe4ec, #15181d); }
  body { margin: 90px auto 0 !important; border-radius: 10px;
         box-shadow: 0 12px 40px rgb(0 0 0 / 0.35); overflow: hidden; }`;

/**
 * Saves `<view>-<theme>.png` into `dir` for each view and theme; `context` and `origin` are
 * the demo's Chromium context and extension origin. Returns the files written.
 */
export async function saveListingShots(context, origin, dir) {
  const written = [];
  for (const theme of ['light', 'dark']) {
    const page = await context.newPage();
    await page.setViewportSize(SIZE);
    await page.emulateMedia({ colorScheme: theme });
    const shot = async (view) => {
      const path = `${dir}/${view}-${theme}.png`;
      await page.screenshot({ path });
      written.push(path);
    };

    await page.goto(`${origin}/popup.html`);
    await until(() => hasText(page, 'Keyfob Demo'), 'the list of codes');
    await page.addStyleTag({ content: FRAME_POPUP });
    // Focus in search shows a focus ring; the listing shows the list at rest.
    await page.evaluate(() => document.activeElement?.blur());
    await shot('popup-codes');

    await clickButton(page, 'Add account');
    await until(() => hasText(page, 'otpauth URI'), 'the Add account view');
    await shot('popup-add-account');

    await page.goto(`${origin}/options.html`);
    await until(() => page.evaluate(() => document.querySelector('h1') !== null), 'the options');
    await shot('options');
    await page.close();
  }
  return written;
}
