import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { isTestCode } from './module-rules';
import { readImports } from './read-imports';
import { ROOT, sourceFiles as files } from './source-files';

// The store packages ship what `dependencies` lists as the product's own code: each one must be
// imported by a product file, and test-only helpers (oracles, fixtures) stay dev dependencies.

/** Runtime dependencies no product file names, with the reason they are still needed. */
const REACHED_INDIRECTLY: Record<string, string> = {
  // wxt/browser resolves to it through the @wxt-dev/webextension-polyfill module (wxt.config.ts).
  'webextension-polyfill': 'wxt/browser',
};

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function packagesImportedByProduct(): Set<string> {
  const names = new Set<string>();
  const product = [...files('src'), ...files('entrypoints')].filter((path) => !isTestCode(path));
  for (const path of product) {
    const source = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), 99, true);
    for (const edge of readImports(source)) {
      const specifier = edge.specifier;
      if (edge.typeOnly || !specifier || /^(\.|@@?\/|~~?\/|node:)/.test(specifier)) continue;
      names.add(packageName(specifier));
    }
  }
  return names;
}

describe('dependencies (package.json)', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const imported = packagesImportedByProduct();

  it('lists as runtime dependencies only packages the product imports', () => {
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !imported.has(name) && !(name in REACHED_INDIRECTLY),
    );
    expect(unused).toEqual([]);
  });

  it('lists every package the product imports, except the build framework', () => {
    const missing = [...imported].filter(
      (name) => !(name in manifest.dependencies) && name !== 'wxt',
    );
    expect(missing).toEqual([]);
  });
});
