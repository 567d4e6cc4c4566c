import { readdirSync, readFileSync } from 'node:fs';

// src/cognito is pure (DESIGN.md §2): it may import only src/shared, the types of src/otp and
// its own files, and may touch no browser API. Detectors read the Document they are given.
const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));

describe('src/cognito architecture', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((source) => [source.name, source.text]))(
    '%s imports only shared, otp types and its own files',
    (_, text) => {
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      for (const path of imports) {
        expect(path).toMatch(/^(\.\/[a-z0-9-]+|\.\.\/shared|\.\.\/otp\/types)$/);
      }
    },
  );

  it.each(sources.map((source) => [source.name, source.text]))(
    '%s uses no browser API',
    (_, text) => {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(
        /\b(browser|chrome|fetch|window|globalThis|localStorage|sessionStorage|indexedDB|XMLHttpRequest|navigator|document)\s*[.(]/,
      );
    },
  );
});
