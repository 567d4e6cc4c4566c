import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root, for the checks that read source files. */
export const ROOT = join(import.meta.dirname, '../..');

/** Every .ts and .tsx file under `dir` (relative to the root), as root-relative paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}
