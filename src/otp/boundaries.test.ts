import { readdirSync, readFileSync } from 'node:fs';

// DESIGN.md §2: src/otp is pure. It imports only shared code and @otplib, touches no browser
// API, and leaves WebCrypto to src/crypto. Checked here so it is not merely remembered.

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir)
  .filter((file) => file.endsWith('.ts') && !/\.(test|fixture)\.ts$/.test(file))
  .map((file) => ({
    file,
    code: readFileSync(new URL(file, dir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, ''),
  }));

describe('src/otp boundaries', () => {
  it('has sources to check', () => {
    expect(sources.map((s) => s.file)).toContain('index.ts');
  });

  it.each(sources)('$file imports only ./, ../shared and @otplib', ({ code }) => {
    const imports = [...code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const target of imports) {
      expect(target).toMatch(/^(\.\/[a-z0-9-]+|\.\.\/shared|@otplib\/[a-z0-9-]+)$/);
    }
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it.each(sources)('$file uses no browser API and no WebCrypto', ({ code }) => {
    expect(code).not.toMatch(/\b(browser|chrome|indexedDB|document|window|localStorage)\b/);
    expect(code).not.toMatch(/\bsubtle\b|globalThis\.crypto/);
    expect(code).not.toMatch(/plugin-crypto-web|plugin-crypto-node/);
  });

  it('keeps file names kebab-case', () => {
    for (const file of readdirSync(dir))
      expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)+$/);
  });
});
