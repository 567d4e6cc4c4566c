// @vitest-environment happy-dom
import { contentRuntime, type ContentRuntime } from './runtime';

const real = (): ContentRuntime => ({
  id: 'keyfob',
  sendMessage: async () => undefined,
  onMessage: { addListener: () => {}, removeListener: () => {} },
});

describe('content runtime', () => {
  it('a page’s element with id "browser" holding an input "runtime" does not switch Keyfob off', () => {
    document.body.innerHTML = '<form id="browser"><input name="runtime"></form>';
    const chrome = { runtime: real() };
    // In Chromium the form shows up as `browser` in the isolated world; `chrome` is real.
    const scope = { browser: document.getElementById('browser'), chrome };
    expect(contentRuntime(scope)).toBe(chrome.runtime);
  });

  it('takes Firefox’s browser.runtime when it is real, and refuses when nothing is', () => {
    const browser = { runtime: real() };
    expect(contentRuntime({ browser, chrome: { runtime: real() } })).toBe(browser.runtime);
    document.body.innerHTML = '<form id="chrome"><input name="runtime"></form>';
    expect(() => contentRuntime({ chrome: document.getElementById('chrome') })).toThrow(
      /no extension runtime/,
    );
  });
});
