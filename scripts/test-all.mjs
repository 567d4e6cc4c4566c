#!/usr/bin/env node
// `npm test`: every suite — unit and component tests in Node, then end-to-end tests in real
// Chromium and Firefox — and one plain closing line, `N passed, N failed`, summed over all.
//
// The end-to-end suite runs each browser in a process of its own, side by side (one test at
// a time per browser). The four builds and the local rig's client pages are made once, first,
// so the two processes never build at the same time (two builders of one client page once
// collided in CI: ENOTEMPTY on its rename); the files that drive no browser (manifests,
// oracles) run after them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const E2E = ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts'];
/** End-to-end files that drive no browser: run once, after the browsers' runs. */
const BROWSERLESS = ['test/e2e/manifest.e2e.test.ts', 'test/e2e/support.e2e.test.ts'];
const ALL_BROWSERS = ['chromium', 'firefox'];

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const reportDir = mkdtempSync(join(tmpdir(), 'keyfob-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

/** Counts from a vitest JSON report; a run that wrote none counts as one failure. */
function countsOf(report, status) {
  let counts;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function record(name, counts, seconds) {
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  lines.push(
    `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds.toFixed(1)} s)`,
  );
}

/** Where a suite's JSON report goes. */
const reportOf = (name) => join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
const reporterArgs = (name) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportOf(name)}`,
];

/** Runs a suite in the foreground, its output as it comes. */
function runSuite(name, args, env = {}) {
  const started = Date.now();
  const run = spawnSync('npx', [...args, ...reporterArgs(name)], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  record(name, countsOf(reportOf(name), run.status ?? 1), (Date.now() - started) / 1000);
}

/** Runs a suite beside others, every line of its output prefixed with its name. */
function startSuite(name, args, env) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', [...args, ...reporterArgs(name)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) process.stdout.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => rest && process.stdout.write(`[${name}] ${rest}\n`));
    }
    child.on('close', (status) => {
      const seconds = (Date.now() - started) / 1000;
      resolve({ name, counts: countsOf(reportOf(name), status ?? 1), seconds });
    });
  });
}

/** The browsers asked for with KEYFOB_E2E_BROWSERS (all by default). */
function browsers() {
  const raw = process.env.KEYFOB_E2E_BROWSERS?.trim();
  return raw ? raw.split(',').map((s) => s.trim().toLowerCase()) : ALL_BROWSERS;
}

/** Production and e2e builds for both browsers, made once before the e2e processes start. */
function buildAll() {
  const builds = [
    { e2e: '', args: ['wxt', 'build'] },
    { e2e: '', args: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
    { e2e: '1', args: ['wxt', 'build'] },
    { e2e: '1', args: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
  ];
  for (const { e2e, args } of builds) {
    const started = Date.now();
    const run = spawnSync('npx', args, {
      encoding: 'utf8',
      env: { ...process.env, WXT_KEYFOB_E2E: e2e },
    });
    if (run.status !== 0) {
      process.stdout.write(`${run.stdout}\n${run.stderr}\n`);
      return false;
    }
    console.log(
      `[e2e] ${e2e ? 'WXT_KEYFOB_E2E=1 ' : ''}npx ${args.join(' ')}: ${Date.now() - started} ms`,
    );
  }
  return true;
}

/** The local Cognito rig's client pages (test/rig/pages), which both e2e processes serve. */
async function buildRigPages() {
  const started = Date.now();
  try {
    const { buildPages } = await import('../test/rig/pages.mjs');
    const results = await buildPages();
    const built = Object.keys(results).filter((name) => results[name].built);
    console.log(
      `[e2e] rig client pages (${built.length > 0 ? `built ${built.join(', ')}` : 'up to date'}): ${Date.now() - started} ms`,
    );
    return true;
  } catch (err) {
    console.log(`[e2e] rig client pages failed to build: ${err?.stack ?? err}`);
    return false;
  }
}

if (wanted('unit')) runSuite('unit', ['vitest', 'run']);

if (wanted('e2e')) {
  const started = Date.now();
  if (!buildAll() || !(await buildRigPages())) {
    record('e2e builds', { passed: 0, failed: 1, skipped: 0 }, (Date.now() - started) / 1000);
  } else {
    const built = { KEYFOB_E2E_SKIP_BUILD: '1' };
    const exclude = BROWSERLESS.flatMap((file) => ['--exclude', file]);
    const runs = await Promise.all(
      browsers().map((browser) =>
        startSuite(`e2e ${browser}`, [...E2E, ...exclude], {
          ...built,
          KEYFOB_E2E_BROWSERS: browser,
        }),
      ),
    );
    for (const run of runs) record(run.name, run.counts, run.seconds);
    runSuite('e2e builds and oracles', [...E2E, ...BROWSERLESS], built);
  }
}

rmSync(reportDir, { recursive: true, force: true });
console.log('\nKeyfob test summary');
for (const line of lines) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
