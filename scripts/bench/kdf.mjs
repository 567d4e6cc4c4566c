/* global performance */
// Time of the backup KDF (scrypt, @noble/hashes, pure JS) in Node and in headless Chromium,
// at the cost Keyfob writes (N=2^17, r=8, p=1) and the one Aegis writes (N=2^15, r=8, p=1).
// One derivation is what a backup or a restore pays once.
//
// Usage: node scripts/bench/kdf.mjs [--runs=3]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { CHROMIUM } from './chromium.mjs';

const runs = Number(/^--runs=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 3);
const COSTS = [
  { label: 'Keyfob backup', N: 2 ** 17, r: 8, p: 1 },
  { label: 'Aegis vault', N: 2 ** 15, r: 8, p: 1 },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeIn(derive) {
  const rows = [];
  for (const cost of COSTS) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await derive(cost));
    rows.push({ ...cost, medianMs: Math.round(median(times)), allMs: times.map(Math.round) });
  }
  return rows;
}

const salt = new Uint8Array(32).fill(1);
const node = await timeIn(async ({ N, r, p }) => {
  const start = performance.now();
  await scryptAsync('bench password', salt, { N, r, p, dkLen: 32 });
  return performance.now() - start;
});

const bundle = await build({
  stdin: {
    contents: `import { scryptAsync } from '@noble/hashes/scrypt.js';
      globalThis.timeScrypt = async (N, r, p) => {
        const start = performance.now();
        await scryptAsync('bench password', new Uint8Array(32).fill(1), { N, r, p, dkLen: 32 });
        return performance.now() - start;
      };`,
    resolveDir: process.cwd(),
  },
  bundle: true,
  format: 'iife',
  write: false,
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
let chromiumRows;
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  chromiumRows = await timeIn(({ N, r, p }) =>
    page.evaluate(([n, rr, pp]) => globalThis.timeScrypt(n, rr, pp), [N, r, p]),
  );
} finally {
  await browser.close();
}

for (const [where, rows] of [
  ['Node ' + process.version, node],
  ['Chromium ' + browser.version(), chromiumRows],
]) {
  for (const row of rows) {
    console.log(
      `${where.padEnd(24)} ${row.label.padEnd(14)} N=2^${Math.log2(row.N)} r=${row.r} p=${row.p}: ` +
        `median ${row.medianMs} ms (${row.allMs.join(', ')})`,
    );
  }
}
