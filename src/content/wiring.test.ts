// @vitest-environment happy-dom
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BRIDGE_KEY, findPageBridge } from './bridge';
import { readContentCommand } from './commands';
import { runPageBridge } from './run-bridge';
import { runCognitoHelper } from './run-helper';
import type { RuntimeListener } from './runtime';

/**
 * A runtime with the browsers' callback contract: a listener that returns `true` answers
 * later through `sendResponse`; anything else means "not mine".
 */
function fakeRuntime() {
  const listeners = new Set<RuntimeListener>();
  return {
    id: fakeBrowser.runtime.id as string | undefined,
    sendMessage: async (_message: unknown): Promise<unknown> => undefined,
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
  afterEach(() => {
    findPageBridge()?.handOver();
    delete (globalThis as Record<string, unknown>)[BRIDGE_KEY];
  });

  it('starts the helper only where the bridge runs, and only once', () => {
    expect(runCognitoHelper(fakeRuntime())).toBeUndefined();
    const runtime = fakeRuntime();
    runPageBridge(runtime);
    const helper = runCognitoHelper(runtime);
    expect(helper).toBeDefined();
    helper!.stop();
    expect(runCognitoHelper(runtime)).toBeUndefined();
  });

  it('the bridge asks for the helper on a code screen; the helper reads what the observer said first', async () => {
    const runtime = fakeRuntime();
    const sent: { name?: string; data?: unknown }[] = [];
    let helper: ReturnType<typeof runCognitoHelper>;
    runtime.sendMessage = async (envelope: unknown) => {
      const { name, data } = envelope as { name: string; data: unknown };
      sent.push({ name, data });
      if (name === 'loadPageHelper') {
        helper = runCognitoHelper(runtime);
        return { ok: true, value: { loaded: true } };
      }
      if (name === 'getPageConfig') return { ok: true, value: { deviceName: '' } };
      return { ok: true, value: { action: 'ignore', reason: 'test' } };
    };
    document.body.innerHTML = '<p>Signing you in…</p>';
    runPageBridge(runtime);
    // The observer's report arrives before the setup screen does.
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { __keyfob: 'observer', type: 'associate', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' },
        source: window,
        origin: location.origin,
      }),
    );
    await vi.waitFor(() => expect(helper).toBeDefined());
    await helper!.idle();
    expect(sent.map((m) => m.name)).toContain('loadPageHelper');
    expect(sent.find((m) => m.name === 'reportSetupScreen')?.data).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
    });
    helper!.stop();
  });

  it('the helper takes commands from our own background only, until the extension goes away', async () => {
    const runtime = fakeRuntime();
    runPageBridge(runtime);
    const content = runCognitoHelper(runtime)!;
    await content.idle();
    const input = document.querySelector('input')!;
    // happy-dom lays nothing out: give the field a box on screen, drawn on top.
    const box = { left: 10, top: 10, width: 200, height: 30, right: 210, bottom: 40 };
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(box as DOMRect);
    document.elementsFromPoint = () => [input];
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

    // Reloaded or removed: the runtime loses its id, and the helper stops at its next request.
    (runtime as { id?: string | undefined }).id = undefined;
    input.value = '';
    await content.handleCommand({ keyfob: 1, command: 'scanForSetup' });
    expect(await runtime.deliver(command, {})).toEqual([]);
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
