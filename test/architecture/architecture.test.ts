import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSource } from './check-source';
import { isTestCode } from './module-rules';
import { ROOT, sourceFiles as files } from './source-files';

// docs/architecture.md §2 as a test: the module table of module-rules.ts, checked on every
// product file rather than remembered.

const product = [...files('src'), ...files('entrypoints')].filter((path) => !isTestCode(path));

describe('module boundaries (module-rules.ts)', () => {
  it('has product files to check in every layer', () => {
    for (const folder of ['src/shared', 'src/storage', 'src/ui', 'entrypoints'])
      expect(product.some((path) => path.startsWith(`${folder}/`))).toBe(true);
  });

  const layer = (path: string) =>
    path.startsWith('src/') ? path.split('/', 2).join('/') : 'entrypoints';
  const layers = [...new Set(product.map(layer))];

  it.each(layers)('every product file of %s keeps to its rule', (folder) => {
    const violations = product
      .filter((path) => layer(path) === folder)
      .flatMap((path) => checkSource(path, readFileSync(join(ROOT, path), 'utf8')));
    expect(violations.map((violation) => violation.message)).toEqual([]);
  });

  it('test code in src/ does not import webextension-polyfill either', () => {
    const tests = [...files('src')].filter(isTestCode);
    for (const path of tests)
      expect(readFileSync(join(ROOT, path), 'utf8'), path).not.toMatch(/webextension-polyfill/);
  });

  it('entrypoints stay thin: logic lives in src/', () => {
    for (const path of files('entrypoints'))
      expect(readFileSync(join(ROOT, path), 'utf8').split('\n').length, path).toBeLessThan(40);
  });

  it('file names are kebab-case', () => {
    for (const path of [...files('src'), ...files('entrypoints')])
      expect(path.split('/').pop(), path).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)+$/);
  });
});
