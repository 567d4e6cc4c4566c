import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserName } from './env';
import { e2eContext } from './env';

/**
 * The end-to-end build variant (`WXT_KEYFOB_E2E=1`, output in .output/e2e/): the only build
 * whose content scripts match http://127.0.0.1 and http://localhost, where the Cognito rig
 * serves its pages. global-setup.ts builds the production targets; the enrollment tests need
 * this one, so they build it here, at most once per run and only when the sources changed
 * since the last build, then use a snapshot in the run's temp root (a rebuild by someone
 * else during the run cannot change the extension under test).
 */

const ROOT = resolve(import.meta.dirname, '../../..');

/** wxt arguments and output directory of each e2e target. */
export const E2E_BUILDS: Record<BrowserName, { args: string[]; out: string }> = {
  chromium: { args: ['wxt', 'build'], out: '.output/e2e/chrome-mv3' },
  firefox: { args: ['wxt', 'build', '-b', 'firefox', '--mv3'], out: '.output/e2e/firefox-mv3' },
};

/** The production targets (what global-setup builds), for the manifest checks. */
export const PRODUCTION_BUILDS: Record<BrowserName, { args: string[]; out: string }> = {
  chromium: { args: ['wxt', 'build'], out: '.output/chrome-mv3' },
  firefox: { args: ['wxt', 'build', '-b', 'firefox', '--mv3'], out: '.output/firefox-mv3' },
};

/** Files and folders whose changes make a build outdated. */
const INPUTS = [
  'src',
  'entrypoints',
  'public',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `out` has no manifest or is older than any source file. */
export function isOutdated(out: string): boolean {
  const manifest = join(ROOT, out, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built);
}

/** Runs one `npx wxt build …`, with or without the e2e flag; throws with the output's tail. */
export function runWxtBuild(args: string[], e2e: boolean): number {
  const started = Date.now();
  const env = { ...process.env };
  if (e2e) env.WXT_KEYFOB_E2E = '1';
  else delete env.WXT_KEYFOB_E2E;
  try {
    execFileSync('npx', args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
    const flag = e2e ? 'WXT_KEYFOB_E2E=1 ' : '';
    throw new Error(`[e2e] \`${flag}npx ${args.join(' ')}\` failed:\n${tail}`, { cause: error });
  }
  return Date.now() - started;
}

/** Absolute path of a build output inside the project. */
export function projectPath(out: string): string {
  return join(ROOT, out);
}

/**
 * The run's snapshot of the e2e build for `name`: built first if missing or outdated (unless
 * KEYFOB_E2E_SKIP_BUILD=1), copied once per run under the run's temp root.
 */
export function e2eDist(name: BrowserName): string {
  const { tmpRoot } = e2eContext();
  const { args, out } = E2E_BUILDS[name];
  const snapshot = join(tmpRoot, 'dist-e2e', out.replace('.output/e2e/', ''));
  if (existsSync(join(snapshot, 'manifest.json'))) return snapshot;

  const skipBuild = process.env.KEYFOB_E2E_SKIP_BUILD === '1';
  if (!skipBuild && isOutdated(out)) {
    const ms = runWxtBuild(args, true);
    console.log(`[e2e] WXT_KEYFOB_E2E=1 npx ${args.join(' ')}: ${ms} ms`);
  }
  const source = join(ROOT, out);
  if (!existsSync(join(source, 'manifest.json'))) {
    throw new Error(
      `[e2e] ${source}/manifest.json is missing` +
        (skipBuild ? ' (KEYFOB_E2E_SKIP_BUILD=1: run `npm run build:e2e` first)' : ''),
    );
  }
  // Copy beside the target, then rename: a half-written snapshot is never taken for a whole one.
  mkdirSync(join(tmpRoot, 'dist-e2e'), { recursive: true });
  const partial = `${snapshot}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(source, partial, { recursive: true });
  renameSync(partial, snapshot);
  return snapshot;
}
