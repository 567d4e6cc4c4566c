#!/usr/bin/env node
// `npm test`: every suite — unit and component tests in Node, then end-to-end tests in real
// Chromium and Firefox — and one plain closing line, `N passed, N failed`, summed over all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const suites = [
  { name: 'unit', args: ['vitest', 'run'] },
  { name: 'e2e', args: ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts'] },
];

const only = process.argv.slice(2);
const reportDir = mkdtempSync(join(tmpdir(), 'keyfob-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const suite of suites.filter((s) => only.length === 0 || only.includes(s.name))) {
  const report = join(reportDir, `${suite.name}.json`);
  const started = Date.now();
  const run = spawnSync(
    'npx',
    [...suite.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit', env: process.env },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let counts;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    // The runner died before writing a report: count the suite as one failure.
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  lines.push(
    `${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
  );
}

rmSync(reportDir, { recursive: true, force: true });
console.log('\nKeyfob test summary');
for (const line of lines) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
