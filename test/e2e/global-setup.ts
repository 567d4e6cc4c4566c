import { execFileSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { BrowserName, E2eContext } from './support/env';
import { BROWSER_BINARIES, selectedBrowsers } from './support/env';

const ROOT = resolve(import.meta.dirname, '../..');

const BUILDS: Record<BrowserName, { args: string[]; out: string }> = {
  chromium: { args: ['wxt', 'build'], out: '.output/chrome-mv3' },
  firefox: { args: ['wxt', 'build', '-b', 'firefox', '--mv3'], out: '.output/firefox-mv3' },
};

function requireBinary(name: BrowserName): void {
  const path = BROWSER_BINARIES[name];
  try {
    accessSync(path, constants.X_OK);
  } catch {
    const variable = name === 'chromium' ? 'KEYFOB_E2E_CHROMIUM' : 'KEYFOB_E2E_FIREFOX';
    const pkg = name === 'chromium' ? 'chromium' : 'firefox-esr';
    throw new Error(
      `[e2e] ${name} not found or not executable at ${path}. Install it ` +
        `(apt-get install -y ${pkg}), point ${variable} at it, or leave it out with ` +
        `KEYFOB_E2E_BROWSERS=${name === 'chromium' ? 'firefox' : 'chromium'}.`,
    );
  }
}

function build(name: BrowserName): void {
  const { args } = BUILDS[name];
  const started = Date.now();
  try {
    execFileSync('npx', args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`[e2e] \`npx ${args.join(' ')}\` failed:\n${tail}`, { cause: error });
  }
  console.log(`[e2e] npx ${args.join(' ')}: ${Date.now() - started} ms`);
}

/**
 * Builds each selected target once (unless KEYFOB_E2E_SKIP_BUILD=1), then snapshots the
 * output into a per-run temp root so that a rebuild by someone else during the run cannot
 * change the extension under test. Teardown deletes the root (profiles included).
 */
export default function setup(project: TestProject): () => void {
  const browsers = selectedBrowsers();
  for (const name of browsers) requireBinary(name);

  const skipBuild = process.env.KEYFOB_E2E_SKIP_BUILD === '1';
  const tmpRoot = mkdtempSync(join(tmpdir(), 'keyfob-e2e-'));
  const teardown = () => rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 5 });
  try {
    const dists: Partial<Record<BrowserName, string>> = {};
    for (const name of browsers) {
      if (!skipBuild) build(name);
      const out = join(ROOT, BUILDS[name].out);
      if (!existsSync(join(out, 'manifest.json'))) {
        throw new Error(
          `[e2e] ${out}/manifest.json is missing` +
            (skipBuild ? ' (KEYFOB_E2E_SKIP_BUILD=1: build it first)' : ''),
        );
      }
      const copy = join(tmpRoot, 'dist', BUILDS[name].out.replace('.output/', ''));
      cpSync(out, copy, { recursive: true });
      dists[name] = copy;
    }
    const context: E2eContext = {
      tmpRoot,
      chromeDist: dists.chromium ?? '',
      firefoxDist: dists.firefox ?? '',
    };
    project.provide('keyfobE2e', context);
  } catch (error) {
    teardown();
    throw error;
  }
  return teardown;
}
