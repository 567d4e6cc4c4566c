import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// DESIGN.md §2 as a test: conventions checked rather than remembered.
const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const imports = (file: string) =>
  [
    ...readFileSync(join(ROOT, file), 'utf8').matchAll(
      /^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm,
    ),
  ].map((m) => m[1]!);
const code = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const all = [...sources('src'), ...sources('entrypoints')];

describe('module boundaries (DESIGN.md §2)', () => {
  const pure = ['src/shared', 'src/otp', 'src/crypto', 'src/vault', 'src/cognito'];

  it.each(pure)('%s touches no browser API, IndexedDB or Preact', (dir) => {
    for (const file of sources(dir)) {
      for (const spec of imports(file)) {
        expect(spec, file).not.toMatch(/^(wxt|idb|preact|webextension-polyfill|@wxt-dev)/);
      }
      expect(code(file), file).not.toMatch(
        /\bbrowser\.(runtime|storage|tabs)|\bchrome\.|indexedDB/,
      );
    }
  });

  it('sees imports at all (control: src/storage does import idb)', () => {
    expect(sources('src/storage').flatMap(imports)).toContain('idb');
  });

  it('only src/storage imports idb', () => {
    for (const file of all.filter((f) => !f.startsWith('src/storage/'))) {
      expect(imports(file), file).not.toContain('idb');
    }
  });

  it('nobody imports webextension-polyfill directly (wxt/browser instead)', () => {
    for (const file of all)
      expect(imports(file).join(' '), file).not.toMatch(/webextension-polyfill/);
  });

  it('only src/crypto calls crypto.subtle', () => {
    for (const file of all.filter((f) => !f.startsWith('src/crypto/'))) {
      expect(code(file), file).not.toMatch(/subtle\./);
    }
  });

  it('pure modules import inward only', () => {
    const allowed: Record<string, RegExp> = {
      'src/shared': /^\.\.?\/|^\.\/|^\.$/,
      'src/otp': /^(\.\/|\.\.\/shared|@otplib\/)/,
      'src/crypto': /^(\.\/|\.\.\/shared)/,
      'src/vault': /^(\.\/|\.\.\/(shared|otp|crypto))/,
      'src/cognito': /^(\.\/|\.\.\/(shared|otp\/types))/,
    };
    for (const [dir, pattern] of Object.entries(allowed)) {
      for (const file of sources(dir)) {
        for (const spec of imports(file)) expect(spec, relative(ROOT, file)).toMatch(pattern);
      }
    }
  });

  it('entrypoints stay thin: logic lives in src/', () => {
    for (const file of sources('entrypoints')) {
      expect(code(file).split('\n').length, file).toBeLessThan(40);
    }
  });
});
