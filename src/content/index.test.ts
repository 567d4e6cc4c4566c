// @vitest-environment happy-dom
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readContentCommand, runCognitoContentScript } from '.';
import type { RuntimeListener } from './runtime';

/**
 * A runtime with the browsers' callback contract: a listener that returns `true` answers
 * later through `sendResponse`; anything else means "not mine".
 */
function fakeRuntime() {
  const listeners = new Set<RuntimeListener>();
  return {
    id: fakeBrowser.runtime.id,
    sendMessage: async () => undefined,
    onMessage: {
      addListener: (l: RuntimeListener) => void listeners.add(l),
      removeListener: (l: RuntimeListener) => void listeners.delete(l),
    },
    /** Delivers a message; resolves to each listener's answer (undefined when it declined). */
    deliver(message: unknown, sender: { id?: string; tab?: unknown }) {
      return Promise.all(
        [...listeners].map(
          (l) =>
            new Promise((resolve) => {
              if (l(message, sender, resolve) !== true) resolve(undefined);
            }),
        ),
      );
    },
  };
}

const SIGN_IN = `
  <form>
    <p>Enter the code from your authenticator app.</p>
    <input name="totp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
  </form>`;

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = SIGN_IN;
});

describe('content script wiring', () => {
  it('takes commands from our own background only', async () => {
    const ctx = new ContentScriptContext('cognito');
    const runtime = fakeRuntime();
    const content = runCognitoContentScript(ctx, runtime);
    await content.idle();
    const input = document.querySelector('input')!;
    const command = { keyfob: 1, command: 'fillCode', code: '112233' };

    expect(await runtime.deliver(command, { id: 'someone-else' })).toEqual([undefined]);
    // A content script's message (it has a tab) is never a command.
    expect(
      await runtime.deliver(command, {
        id: fakeBrowser.runtime.id,
        tab: { id: 1 } as never,
      }),
    ).toEqual([undefined]);
    expect(input.value).toBe('');

    expect(await runtime.deliver(command, { id: fakeBrowser.runtime.id })).toEqual([
      { done: true },
    ]);
    expect(input.value).toBe('112233');

    ctx.notifyInvalidated();
    input.value = '';
    expect(await runtime.deliver(command, { id: fakeBrowser.runtime.id })).toEqual([]);
    expect(input.value).toBe('');
  });
});

describe('background commands', () => {
  it('accepts the two commands, copied', () => {
    expect(readContentCommand({ keyfob: 1, command: 'scanForSetup', extra: 1 })).toEqual({
      keyfob: 1,
      command: 'scanForSetup',
    });
    expect(
      readContentCommand({
        keyfob: 1,
        command: 'fillCode',
        code: '123456',
        deviceName: 'Keyfob',
        enrollmentId: 'e1',
        autoSubmit: true,
        expectedOrigin: 'https://app.example',
      }),
    ).toEqual({
      keyfob: 1,
      command: 'fillCode',
      code: '123456',
      deviceName: 'Keyfob',
      enrollmentId: 'e1',
      autoSubmit: true,
      expectedOrigin: 'https://app.example',
    });
  });

  it.each([
    [{ command: 'fillCode', code: '123456' }],
    [{ keyfob: 1, command: 'fillCode', code: '12345' }],
    [{ keyfob: 1, command: 'fillCode', code: '12345a' }],
    [{ keyfob: 1, command: 'fillCode', code: 123456 }],
    [{ keyfob: 1, command: 'fillCode', code: '123456', deviceName: 'a\nb' }],
    [{ keyfob: 1, command: 'fillCode', code: '123456', autoSubmit: 'yes' }],
    [{ keyfob: 1, command: 'fillCode', code: '123456', expectedOrigin: 7 }],
    [{ keyfob: 1, command: 'submit' }],
    [null],
  ])('refuses %j', (message) => {
    expect(readContentCommand(message)).toBeNull();
  });
});
