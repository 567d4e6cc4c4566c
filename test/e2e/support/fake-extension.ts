import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserName } from './env';
import { makeTempDir } from './temp';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'fake-keyfob');

/** The add-on id the fake uses in Firefox (the same as Keyfob's, so nothing else changes). */
export const FAKE_GECKO_ID = 'keyfob@keyfob.dev';

/**
 * Writes an unpacked build of the fake Keyfob (fixtures/fake-keyfob) for `browser` into a
 * fresh temp dir. `leak: true` makes it store every entry in clear beside its ciphertext.
 */
export function buildFakeExtension(browser: BrowserName, { leak = false } = {}): string {
  const dist = makeTempDir(`fake-keyfob-${browser}${leak ? '-leaky' : ''}`);
  copyFileSync(join(FIXTURE, 'popup.html'), join(dist, 'popup.html'));
  copyFileSync(join(FIXTURE, 'popup.js'), join(dist, 'popup.js'));
  const background = readFileSync(join(FIXTURE, 'background.js'), 'utf8');
  const patched = background.replace('const LEAK = false;', `const LEAK = ${leak};`);
  if (!patched.includes(`const LEAK = ${leak};`))
    throw new Error('fake background: LEAK flag not found');
  writeFileSync(join(dist, 'background.js'), patched);
  const manifest = {
    manifest_version: 3,
    name: 'Fake Keyfob',
    version: '0.0.1',
    permissions: ['storage'],
    action: { default_popup: 'popup.html' },
    ...(browser === 'chromium'
      ? { background: { service_worker: 'background.js' } }
      : {
          background: { scripts: ['background.js'] },
          browser_specific_settings: { gecko: { id: FAKE_GECKO_ID } },
        }),
  };
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dist;
}
