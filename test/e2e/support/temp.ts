import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eContext } from './env';

const created = new Set<string>();

/**
 * A fresh directory under the run's temp root (global teardown deletes the root, so a crashed
 * test cannot leave profiles behind). Outside a vitest run it falls back to the OS temp dir.
 */
export function makeTempDir(prefix: string): string {
  let root = tmpdir();
  try {
    root = e2eContext().tmpRoot;
  } catch {
    // Not under the e2e vitest config: use the OS temp dir.
  }
  const dir = mkdtempSync(join(root, `${prefix}-`));
  created.add(dir);
  return dir;
}

/** Deletes a directory made by {@link makeTempDir}. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  created.delete(dir);
}

/** Deletes every directory this worker made and has not deleted yet. */
export function removeAllTempDirs(): void {
  for (const dir of [...created]) removeTempDir(dir);
}
