/* global chrome, crypto, performance, document, requestAnimationFrame, btoa, TextEncoder, MutationObserver, window */
// The popup's speed (issue 10), measured on the production build in headless Chromium:
//   - floor: an empty extension page ("hello", added to a copy of the build) painted, the
//     browser's own cost of showing an extension page on the machine at hand;
//   - codes painted: from navigation start until every account's code is in the page and
//     two animation frames have passed (the frame that paints them), at each account count,
//     each load just after one of the empty page, whose paints are that count's floor;
//   - at a period boundary: the main-thread time of the tick that switches the rows to their
//     next codes (the tasks from 20 ms before to 300 ms after it, read from a CDP trace of the
//     renderer), against an ordinary tick 20 s into the step, and how long the last row showed the old
//     step's code;
//   - a long list draws only the rows near view: "painted" then means every drawn row, with
//     the whole list's length in their aria-setsize, and the boundary counts the drawn rows;
//   - script floor: an empty extension page whose one module script writes "hello": what any
//     page pays that must load a script before it can show anything;
//   - message floor: the same, but the script asks the background once (the popup's opening
//     request, without codes) before it writes "hello": what any page pays that must also hear
//     from the background first, as the popup must to show a code;
//   - before each count's measured loads, one pair (empty page, popup) is loaded and left out,
//     so that every count is measured warm: the first popup load after the accounts were added
//     was often a count's slowest, at 20 accounts in a browser just started;
//   - tick floor: the same window on an empty extension page whose one number changes each
//     second, the browser's own cost of showing any change on the machine at hand (the
//     boundary's floor, as the empty page's paint is the opening's);
//   - popup JS: the bytes of every script popup.html loads.
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FLOOR_PAGE = 'bench-floor.html';
const SCRIPT_FLOOR_PAGE = 'bench-script-floor.html';
const MESSAGE_FLOOR_PAGE = 'bench-message-floor.html';
const TICK_FLOOR_PAGE = 'bench-tick-floor.html';
/** What the script floors' pages show once their script has run. */
const WRITE_HELLO =
  'const p = document.createElement("p"); p.id = "hello"; p.textContent = "hello"; document.body.append(p);';
/** The empty pages added to the bench's copy of the build (never shipped). */
export const FLOOR_FILES = {
  [FLOOR_PAGE]:
    '<!doctype html><html><head><meta charset="utf-8"></head><body><p id="hello">hello</p></body></html>',
  [SCRIPT_FLOOR_PAGE]:
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-script-floor.js"></script></head>' +
    '<body></body></html>',
  'bench-script-floor.js': WRITE_HELLO,
  [MESSAGE_FLOOR_PAGE]:
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-message-floor.js"></script></head>' +
    '<body></body></html>',
  'bench-message-floor.js':
    'chrome.runtime.sendMessage({ keyfob: 1, name: "getVaultState", data: {} }).then(() => {' +
    ` ${WRITE_HELLO} });`,
  // One number, changed just past each whole second, as the popup's clock ticks.
  [TICK_FLOOR_PAGE]:
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-tick-floor.js"></script></head>' +
    '<body><p id="hello">hello <span id="n">0</span></p></body></html>',
  'bench-tick-floor.js':
    'const n = document.getElementById("n");' +
    'const tick = () => setTimeout(() => { n.textContent = String(Number(n.textContent) + 1); tick(); },' +
    ' 1001 - (Date.now() % 1000));' +
    'tick();',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds otpauth accounts through the same requests the options page's import sends. */
async function addAccounts({ count, offset }) {
  const send = async (name, data) => {
    const reply = await chrome.runtime.sendMessage({ keyfob: 1, name, data });
    if (!reply?.ok) throw new Error(`${name}: ${reply?.error?.code ?? 'no reply'}`);
    return reply.value;
  };
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const secret = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => base32[b % 32]).join('');
  const lines = Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    return `otpauth://totp/Site%20${n}:person${n}%40example.com?secret=${secret()}&issuer=Site%20${n}`;
  });
  let binary = '';
  for (const byte of new TextEncoder().encode(lines.join('\n')))
    binary += String.fromCharCode(byte);
  const preview = await send('previewImport', { name: 'pasted.txt', data: btoa(binary) });
  const selected = preview.accounts.map((_, index) => index);
  return (await send('commitImport', { importId: preview.importId, selected })).added;
}

/**
 * Runs in the page before its own scripts: records when `ready()` first holds, then waits two
 * animation frames (the frame that paints what is there), as time since navigation start.
 */
function watchPainted(kind) {
  const ready =
    kind === 'floor'
      ? () => document.getElementById('hello') !== null
      : () => {
          // Every account's row, or, in a long list that draws only the rows near view, every
          // drawn row, with the list's full length in their aria-setsize.
          const want = window.__benchAccounts;
          const rows = [...document.querySelectorAll('li[data-account-id]')];
          const codes = document.querySelectorAll('[data-testid="code"][data-code]');
          const listed = Math.max(
            rows.length,
            ...rows.map((row) => Number(row.getAttribute('aria-setsize')) || 0),
          );
          return (
            rows.length > 0 &&
            listed >= want &&
            codes.length >= rows.length &&
            [...codes].every((c) => c.getAttribute('data-code'))
          );
        };
  window.__benchPainted = new Promise((resolve) => {
    const done = () =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    const check = () => {
      if (!document.documentElement || !ready()) return false;
      observer.disconnect();
      done();
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  });
}

/** What closing the last page leaves the browser to do settles before the next load starts. */
const SETTLE_MS = 300;

/** Loads `url` in a fresh tab and returns the time until it painted (see watchPainted). */
async function paintedAt(ext, url, kind, accounts) {
  await sleep(SETTLE_MS);
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(`window.__benchAccounts = ${accounts};`);
    await page.addInitScript(watchPainted, kind);
    await page.goto(url);
    return await page.evaluate(() => window.__benchPainted);
  } finally {
    await page.close().catch(() => {});
  }
}

const TRACE_CATEGORIES = [
  'toplevel',
  'blink.user_timing',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
];
/** A tick's work: the tasks that start from 20 ms before it to 300 ms after it. */
const TICK_WINDOW = { beforeMs: 20, afterMs: 300 };

/**
 * The page's main-thread tasks in the wall-clock window [fromMs, toMs] (a CDP trace of the
 * renderer; a user-timing mark ties its clock to Date.now and names the page's main thread).
 * Returns each task's start (wall clock) and duration, in ms.
 */
async function mainThreadTasks(page, cdp, fromMs, toMs) {
  await sleep(Math.max(0, fromMs - Date.now()));
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: TRACE_CATEGORIES },
    transferMode: 'ReportEvents',
  });
  const syncedAt = await page.evaluate(() => {
    performance.mark('keyfob-bench-sync');
    return Date.now();
  });
  await sleep(Math.max(0, toMs - Date.now()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  const mark = events.find((e) => e.name === 'keyfob-bench-sync');
  if (!mark) throw new Error('the trace has no sync mark');
  const wallOf = (ts) => syncedAt + (ts - mark.ts) / 1000;
  return events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === mark.pid && e.tid === mark.tid)
    .map((e) => ({ at: wallOf(e.ts), ms: (e.dur ?? 0) / 1000 }));
}

/** Main-thread time of the tick at `tickAt` (wall clock): see TICK_WINDOW. */
async function tickCost(page, cdp, tickAt) {
  const from = tickAt - TICK_WINDOW.beforeMs;
  const to = tickAt + TICK_WINDOW.afterMs;
  const tasks = await mainThreadTasks(page, cdp, from - 200, to + 100);
  return tasks.filter((t) => t.at >= from && t.at <= to).reduce((sum, t) => sum + t.ms, 0);
}

/**
 * The tick floor: the main-thread time of `samples` ticks of the empty page that changes one
 * number each second (see FLOOR_FILES), read as the popup's ticks are.
 */
async function tickFloor(ext, samples = 3) {
  const page = await ext.context.newPage();
  try {
    await page.goto(`${ext.origin}/${TICK_FLOOR_PAGE}`);
    const cdp = await ext.context.newCDPSession(page);
    const costs = [];
    for (let i = 0; i < samples; i++) {
      // The page's tick lands just past a whole second: the window starts 20 ms before it.
      costs.push(await tickCost(page, cdp, Math.ceil((Date.now() + 1500) / 1000) * 1000));
    }
    await cdp.detach().catch(() => {});
    return costs;
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Period boundaries with `accounts` in the list, `periods` of them: the main-thread time of
 * the tick at each boundary (it switches every drawn row to its next code) and of an ordinary
 * tick 20 s into the step (it only moves the countdown), and the longest time any row kept the old
 * code after a boundary.
 */
async function boundary(ext, url, accounts, periods = 3) {
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(`window.__benchAccounts = ${accounts};`);
    await page.addInitScript(watchPainted, 'codes');
    await page.goto(url);
    await page.evaluate(() => window.__benchPainted);
    const cdp = await ext.context.newCDPSession(page);
    await page.evaluate(() => {
      // The search box has focus, and its caret blinks twice a second: a frame of its own that
      // has nothing to do with the clock and falls in a tick's window or not by chance (the
      // tick floor's page has no caret either).
      document.activeElement?.blur();
      window.__changes = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const row = r.target.closest?.('[data-account-id]');
          if (row) window.__changes.push([row.getAttribute('data-account-id'), Date.now()]);
        }
      }).observe(document.body, { subtree: true, attributeFilter: ['data-code'] });
    });
    const ticks = [];
    const boundaries = [];
    // The first boundary at least 12 s away, so the ordinary tick comes before it. That tick is
    // 20 s into the step: the popup asks for the step after's codes at 15 s, which is no tick.
    let next = Math.ceil((Date.now() + 12_000) / 30_000) * 30_000;
    for (let i = 0; i < periods; i++, next += 30_000) {
      ticks.push(await tickCost(page, cdp, next - 10_000));
      boundaries.push(await tickCost(page, cdp, next));
    }
    const last = next - 30_000;
    const stale = await page.evaluate((boundaryAt) => {
      const latest = new Map();
      for (const [id, at] of window.__changes) if (at >= boundaryAt) latest.set(id, at);
      const delays = [...latest.values()].map((t) => t - boundaryAt);
      return {
        changed: delays.length,
        of: document.querySelectorAll('li[data-account-id]').length,
        worstMs: delays.length ? Math.max(...delays) : null,
      };
    }, last);
    await cdp.detach().catch(() => {});
    return { boundaryMs: boundaries, tickMs: ticks, stale };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Bytes of every script popup.html loads (module entry and its preloaded chunks). */
export function popupScriptBytes(dist) {
  const html = readFileSync(path.join(dist, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) =>
    m[1].replace(/^\//, ''),
  );
  const unique = [...new Set(files)];
  return {
    files: unique,
    bytes: unique.reduce((sum, f) => sum + statSync(path.join(dist, f)).size, 0),
  };
}

/**
 * The popup at each of `counts` accounts (ascending), `runs` loads each, in the unlocked vault
 * of `ext` (launched with FLOOR_FILES). Returns per count the paint times, the floor's paint
 * times taken between them and the boundary figures, and the floors measured at the start.
 */
export async function measurePopup(ext, { counts, runs, boundaries = true, log = () => {} }) {
  /** `runs` loads of one of the empty pages, each until its "hello" is painted. */
  const floorLoads = async (page) => {
    const times = [];
    for (let i = 0; i < runs; i++)
      times.push(await paintedAt(ext, `${ext.origin}/${page}`, 'floor', 0));
    return times;
  };
  const floor = await floorLoads(FLOOR_PAGE);
  log(`  floor: ${floor.map(Math.round).join(' ')} ms`);
  const scriptFloor = await floorLoads(SCRIPT_FLOOR_PAGE);
  log(`  script floor: ${scriptFloor.map(Math.round).join(' ')} ms`);
  const messageFloor = await floorLoads(MESSAGE_FLOOR_PAGE);
  log(`  message floor: ${messageFloor.map(Math.round).join(' ')} ms`);
  const tickFloorMs = boundaries ? await tickFloor(ext) : [];
  if (boundaries) log(`  tick floor: ${tickFloorMs.map((v) => v.toFixed(1)).join(' ')} ms`);
  const results = [];
  let have = 0;
  for (const count of counts) {
    if (count > have) {
      // Added from an options page that is closed again before the loads: the extension's
      // pages share one main thread, and an open options page would share the popup's.
      const setup = await ext.context.newPage();
      try {
        await setup.goto(`${ext.origin}/options.html`);
        const added = await setup.evaluate(addAccounts, { count: count - have, offset: have });
        if (added !== count - have) throw new Error(`added ${added} of ${count - have} accounts`);
      } finally {
        await setup.close().catch(() => {});
      }
      have = count;
    }
    const warmUp = [
      await paintedAt(ext, `${ext.origin}/${FLOOR_PAGE}`, 'floor', 0),
      await paintedAt(ext, `${ext.origin}/popup.html`, 'codes', count),
    ];
    log(`  ${count} accounts, warm-up pair (left out): ${warmUp.map(Math.round).join(' ')} ms`);
    // Each popup load follows a load of the empty page, so that the popup is compared with
    // the floor of the same minutes: a machine's pace drifts by more than the targets' margins
    // between the start of the bench and its end.
    const painted = [];
    const pairedFloor = [];
    for (let i = 0; i < runs; i++) {
      pairedFloor.push(await paintedAt(ext, `${ext.origin}/${FLOOR_PAGE}`, 'floor', 0));
      painted.push(await paintedAt(ext, `${ext.origin}/popup.html`, 'codes', count));
    }
    log(
      `  ${count} accounts painted: ${painted.map(Math.round).join(' ')} ms ` +
        `(floor between them: ${pairedFloor.map(Math.round).join(' ')} ms)`,
    );
    const atBoundary = boundaries ? await boundary(ext, `${ext.origin}/popup.html`, count) : null;
    if (atBoundary) {
      log(
        `  ${count} accounts: boundary ticks ${atBoundary.boundaryMs.map((v) => v.toFixed(1)).join(' ')} ms, ` +
          `ordinary ticks ${atBoundary.tickMs.map((v) => v.toFixed(1)).join(' ')} ms; ` +
          `rows changed ${atBoundary.stale.changed}/${atBoundary.stale.of} drawn, last after ${atBoundary.stale.worstMs ?? '-'} ms`,
      );
    }
    results.push({ count, painted, pairedFloor, atBoundary });
  }
  return { floor, scriptFloor, messageFloor, tickFloorMs, results };
}
