import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Contrast of the popup's colours as the stylesheet sets them, in both themes (WCAG 2.2:
// 4.5:1 for text, 3:1 for the edges of fields and buttons, 1.4.11). Each colour is
// `light-dark(<light>, <dark>)` in the root block; a plain colour serves both themes.

const css = readFileSync(fileURLToPath(new URL('./popup.css', import.meta.url)), 'utf8');

/** The root block's custom properties in one theme: 0 light, 1 dark. */
function palette(theme: 0 | 1): Record<string, string> {
  const start = css.indexOf(':root {');
  const block = css.slice(start, css.indexOf('}', start));
  const hex = '(#[0-9a-f]{6})';
  const pairs = block.matchAll(
    new RegExp(`(--[\\w-]+):\\s*(?:light-dark\\(${hex},\\s*${hex}\\)|${hex})\\s*;`, 'gi'),
  );
  return Object.fromEntries(Array.from(pairs, (m) => [m[1]!, (m[4] ?? m[2 + theme])!]));
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const light = palette(0);
const dark = palette(1);

it('reads a full palette for each theme, and the two differ', () => {
  for (const colours of [light, dark]) {
    expect(Object.keys(colours)).toEqual(
      expect.arrayContaining(['--bg', '--fg', '--control-line']),
    );
  }
  expect(dark['--bg']).not.toBe(light['--bg']);
});

it('lets the Theme setting override the system scheme', () => {
  expect(css).toMatch(/:root\[data-theme='light'\] \{\s*color-scheme: light;/);
  expect(css).toMatch(/:root\[data-theme='dark'\] \{\s*color-scheme: dark;/);
});

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_, colours) => {
  it('gives text 4.5:1 on the background and on surfaces', () => {
    for (const text of ['--fg', '--muted']) {
      for (const ground of ['--bg', '--surface']) {
        expect(
          contrast(colours[text]!, colours[ground]!),
          `${text} on ${ground}`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('gives field and button edges 3:1 on the background and on surfaces', () => {
    for (const ground of ['--bg', '--surface']) {
      expect(contrast(colours['--control-line']!, colours[ground]!)).toBeGreaterThanOrEqual(3);
    }
  });
});

it('draws fields and buttons with the control edge colour', () => {
  const rule = (selector: string) =>
    css.slice(css.indexOf(`${selector} {`), css.indexOf('}', css.indexOf(`${selector} {`)));
  expect(rule('button')).toContain('border: 1px solid var(--control-line)');
  expect(rule('.field textarea')).toContain('border: 1px solid var(--control-line)');
});
