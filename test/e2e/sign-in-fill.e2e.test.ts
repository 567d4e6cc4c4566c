import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllDrivers } from './support/driver';
import { e2eDist } from './support/e2e-build';
import type { WebPage } from './support/enrollment-browser';
import type { RigFixture } from './support/enrollment-rig';
import { FLOWS, resetRig, startRigFixture } from './support/enrollment-rig';
import type { Enrolled, EnrollmentSession } from './support/enrollment-steps';
import {
  enroll,
  expectCurrentCode,
  startSession,
  turnOnAutoFill,
  withDiagnostics,
} from './support/enrollment-steps';
import { selectedBrowsers } from './support/env';
import { startSignInCopy, type SignInCopy } from './support/sign-in-copy';
import { sleep, waitFor } from './support/wait';
import { openPopupByShortcut } from './support/real-popup';
import { startXDisplay } from './support/x-display';

// Automatic sign-in fill (docs/architecture.md §3 rule 6) in each browser, after a real
// enrollment on a rig page: Keyfob fills the enrolled origin's visible code field, and
// nothing a person cannot see (opacity 0.001, a transparent overlay, display:none,
// off-screen), nothing in a cross-origin frame, and nothing on a copy of the page on another
// loopback origin (same host, another port); a field merely below the fold is scrolled into
// view first. The keyboard command and the context menu have their own file,
// sign-in-gesture.e2e.test.ts (they need a headful browser); the handlers run through the
// real background in src/background/sign-in-fill.test.ts and start-background.test.ts.

/**
 * Time for the helper to notice a new field (250 ms debounce), ask the background and fill.
 * A fill that should not happen is looked for only after the positive control below filled:
 * the helper scans one screen at a time, so by then every earlier field had its turn.
 */
const SETTLE_MS = 2_000;

let fixture: RigFixture;
let copy: SignInCopy;

beforeAll(async () => {
  [fixture, copy] = await Promise.all([startRigFixture(), startSignInCopy()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([fixture?.stop(), copy?.stop()]);
});

afterEach(async () => {
  await disposeAllDrivers();
  if (fixture) resetRig(fixture.rig);
});

/** A sign-in code form like the rig's own; `variant` marks which test put it there. */
const codeForm = (variant: string) =>
  '<form onsubmit="return false"><label for="kf-otp">Code from your authenticator app</label>' +
  `<input id="kf-otp" data-variant="${variant}" name="code" inputmode="numeric" ` +
  'autocomplete="one-time-code" maxlength="6"><button type="submit">Confirm</button></form>';

/** Fields a person cannot see, each of which must stay empty. */
const HIDDEN: [variant: string, html: string][] = [
  ['opacity', `<div style="opacity:0.001">${codeForm('opacity')}</div>`],
  [
    'overlay',
    `${codeForm('overlay')}<div style="position:fixed;inset:0;background:transparent"></div>`,
  ],
  ['display-none', `<div style="display:none">${codeForm('display-none')}</div>`],
  [
    'off-screen',
    `<div style="position:absolute;left:-10000px;top:0">${codeForm('off-screen')}</div>`,
  ],
];

/**
 * Turns the enrolled page into a slot for test forms, and records every input event on a code
 * field and every message from a framed copy.
 */
const INSTRUMENT = `(() => {
  window.__kf = { inputs: [], frame: [] };
  document.addEventListener('input', (event) => {
    if (event.target.id === 'kf-otp') window.__kf.inputs.push(event.target.dataset.variant);
  }, true);
  window.addEventListener('message', (event) => {
    if (event.data && event.data.kfFrame) window.__kf.frame.push(event.data.kfFrame);
  });
  const slot = document.createElement('div');
  slot.id = 'kf-slot';
  slot.style.cssText = 'position:fixed;top:8px;left:8px;width:480px;min-height:120px;z-index:10;background:#fff';
  // The page's own forms go: its hidden setup form still holds the secret, which would make
  // any code field here part of a setup screen rather than a sign-in.
  document.body.replaceChildren(slot);
  window.kfShow = (html) => { slot.innerHTML = html; };
})()`;

const show = (page: WebPage, html: string) =>
  page.evaluate(`window.kfShow(${JSON.stringify(html)})`);
const fieldValue = (page: WebPage) =>
  page.evaluate<string>(`document.getElementById('kf-otp')?.value ?? ''`);
/** The six-digit code Keyfob fills into the page's code field, once it has. */
const filledCode = (page: WebPage, what: string) =>
  waitFor(
    async () => {
      const value = await fieldValue(page);
      return /^\d{6}$/.test(value) ? value : undefined;
    },
    { what },
  );

describe.each(selectedBrowsers())('automatic sign-in fill in %s', (browserName) => {
  let dist: string;
  beforeAll(() => {
    dist = e2eDist(browserName);
  }, 120_000);

  /** Runs `body` after a real enrollment on the Amplify API page, with diagnostics on failure. */
  async function afterEnrollment(
    tag: string,
    body: (session: EnrollmentSession, enrolled: Enrolled, pages: WebPage[]) => Promise<void>,
    windows: { display?: string } = {},
  ): Promise<void> {
    let session: EnrollmentSession | undefined;
    const pages: WebPage[] = [];
    await withDiagnostics(
      () => ({ session, pages: pages.map((page) => ({ page })), rig: fixture.rig }),
      async () => {
        session = await startSession(browserName, dist, windows);
        const enrolled = await enroll(session, fixture, FLOWS['amplify-api'], tag);
        pages.push(enrolled.page);
        await body(session, enrolled, pages);
      },
    );
  }

  // The real action popup over the page: Chromium opens it as a toolbar click does
  // (clickAction); Firefox by its shortcut on a private X display, pressed through the popup's
  // window (support/real-popup.ts), since automation has no handle on Firefox's panel.
  it('the popup’s Fill says why it filled nothing into a hidden field, then fills the visible one', async () => {
    const display = browserName === 'firefox' ? await startXDisplay() : undefined;
    try {
      await afterEnrollment(
        'popup',
        async (session, { page, secret, account }) => {
          await page.bringToFront();
          await page.evaluate(INSTRUMENT);
          await show(page, HIDDEN[0]![1]);

          const popup = display
            ? await openPopupByShortcut(display, page, session.console)
            : await session.browser.clickAction(page.url());
          const name = account.issuer ? `${account.issuer} (${account.account})` : account.account;
          await popup.press(`Fill code for ${name}`);
          await popup.waitForText('hidden or covered');
          expect(await fieldValue(page)).toBe('');

          const pressedAt = Date.now();
          await show(page, codeForm('visible'));
          await popup.press(`Fill code for ${name}`);
          await popup.waitForText('Filled');
          expectCurrentCode(await fieldValue(page), secret, pressedAt);
          const seen = await page.evaluate<{ inputs: string[] }>('window.__kf');
          expect(new Set(seen.inputs)).toEqual(new Set(['visible']));
        },
        display ? { display: display.name } : {},
      );
    } finally {
      await display?.stop();
    }
  });

  it('fills the enrolled origin’s visible field only: nothing hidden, framed, or on another origin', () =>
    afterEnrollment('autofill', async (session, { page, secret, account }, pages) => {
      // On for the enrolled origin alone (scheme, host and port), as the popup turns it on.
      await turnOnAutoFill(session.console, account.origin!);

      // A copy of the sign-in page on another port of the same host.
      const elsewhere = await session.browser.openPage(copy.url);
      pages.push(elsewhere);
      await elsewhere.bringToFront();
      await sleep(SETTLE_MS);
      expect(await fieldValue(elsewhere)).toBe('');

      await page.bringToFront();
      await page.evaluate(INSTRUMENT);
      for (const [variant, html] of HIDDEN) {
        await show(page, html);
        await sleep(SETTLE_MS);
        expect(await fieldValue(page), variant).toBe('');
      }

      // The same copy framed inside the enrolled page: the frame is not the page.
      await show(page, `<iframe src="${copy.url}" width="460" height="160"></iframe>`);
      await waitFor(
        async () =>
          (await page.evaluate<string[]>('window.__kf.frame')).length > 0 ? true : undefined,
        { what: 'the framed copy to load' },
      );
      await sleep(SETTLE_MS);

      // The positive control: the identical form, visible, on the enrolled origin.
      const shownAt = Date.now();
      await show(page, codeForm('visible'));
      const filled = await filledCode(page, 'automatic fill of the visible code field');
      expectCurrentCode(filled, secret, shownAt);

      const seen = await page.evaluate<{ inputs: string[]; frame: string[] }>('window.__kf');
      expect(new Set(seen.inputs)).toEqual(new Set(['visible']));
      expect(seen.frame).toEqual(['ready']);
      expect(await fieldValue(elsewhere)).toBe('');

      // A field merely below the fold is one the person reaches by scrolling: Keyfob scrolls
      // it into view, then fills it.
      await show(page, '');
      await page.evaluate(
        `document.body.insertAdjacentHTML('beforeend', '<div style="height:4000px"></div>' + ${JSON.stringify(codeForm('below-fold'))})`,
      );
      expect(await page.evaluate<number>('window.scrollY')).toBe(0);
      const belowShownAt = Date.now();
      const belowFilled = await filledCode(page, 'automatic fill of the field below the fold');
      expectCurrentCode(belowFilled, secret, belowShownAt);
      const inView = await page.evaluate<boolean>(
        `(() => { const box = document.getElementById('kf-otp').getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight; })()`,
      );
      expect(inView, 'the filled field is in view').toBe(true);
    }));
});
