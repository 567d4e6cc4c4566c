import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The browsers the e2e suite knows how to drive. */
export type BrowserName = 'chromium' | 'firefox';

/** Every browser the suite can run, in the order it runs them. */
export const ALL_BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** Binaries, overridable for machines that install them elsewhere. */
export const BROWSER_BINARIES: Record<BrowserName, string> = {
  chromium: process.env.KEYFOB_E2E_CHROMIUM ?? '/usr/bin/chromium',
  firefox: process.env.KEYFOB_E2E_FIREFOX ?? '/usr/bin/firefox-esr',
};

/** Browsers selected with KEYFOB_E2E_BROWSERS=chromium,firefox (default: all). */
export function selectedBrowsers(): BrowserName[] {
  const raw = process.env.KEYFOB_E2E_BROWSERS?.trim();
  if (!raw) return [...ALL_BROWSERS];
  const names = raw.split(',').map((s) => s.trim().toLowerCase());
  for (const name of names) {
    if (!ALL_BROWSERS.includes(name as BrowserName)) {
      throw new Error(`KEYFOB_E2E_BROWSERS: unknown browser "${name}" (known: chromium, firefox)`);
    }
  }
  return names as BrowserName[];
}

/** What global-setup hands to the test files. */
export interface E2eContext {
  /** Per-run root for profiles and dist copies; global teardown deletes it. */
  tmpRoot: string;
  /** Snapshot of .output/chrome-mv3 taken right after the build. */
  chromeDist: string;
  /** Snapshot of .output/firefox-mv3 taken right after the build. */
  firefoxDist: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    keyfobE2e: E2eContext;
  }
}

/** The run context provided by global-setup. */
export function e2eContext(): E2eContext {
  return inject('keyfobE2e');
}

/** The parts of a built manifest.json the harness reads. */
export interface BuiltManifest {
  manifest_version: number;
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string };
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** Reads a built extension's manifest. */
export function readManifest(dist: string): BuiltManifest {
  return JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as BuiltManifest;
}
