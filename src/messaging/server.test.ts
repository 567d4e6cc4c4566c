import { KeyfobError } from '../shared';
import { createMessageServer } from './server';

interface TestMap {
  echo(data: { text: string }): { text: string };
  fail(data: Record<string, never>): never;
  crash(data: Record<string, never>): never;
  fromPage(data: Record<string, never>): string;
}

const ours = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };
const popup = { id: 'keyfob-id', url: 'chrome-extension://keyfob-id/popup.html' };
const contentScript = { id: 'keyfob-id', url: 'https://site.example/', tab: { id: 3 } };

function server(beforeEach = vi.fn(async () => {})) {
  return createMessageServer<TestMap>({
    ours,
    beforeEach,
    handlers: {
      echo: async ({ text }) => ({ text }),
      fail: async () => {
        throw new KeyfobError('wrong-passphrase', 'That passphrase is not right.');
      },
      crash: async () => {
        throw new Error('secret=JBSWY3DPEHPK3PXP');
      },
      fromPage: async (_data, sender) => sender.kind,
    },
    policy: {
      echo: ['extension-page'],
      fail: ['extension-page'],
      crash: ['extension-page'],
      fromPage: ['extension-page', 'content-script'],
    },
  });
}

describe('message server', () => {
  it('answers a known verb from an allowed sender', async () => {
    const reply = await server().handle({ keyfob: 1, name: 'echo', data: { text: 'hi' } }, popup);
    expect(reply).toEqual({ ok: true, value: { text: 'hi' } });
  });

  it('refuses a verb from a sender kind it does not allow, without running it', async () => {
    const before = vi.fn(async () => {});
    const reply = await server(before).handle(
      { keyfob: 1, name: 'echo', data: { text: 'x' } },
      contentScript,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
    expect(before).not.toHaveBeenCalled();
  });

  it('refuses unknown verbs, including inherited object keys', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const reply = await server().handle({ keyfob: 1, name, data: {} }, popup);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    }
  });

  it('refuses malformed envelopes', async () => {
    for (const message of [null, 'echo', { name: 'echo' }, { keyfob: 2, name: 'echo' }]) {
      expect(await server().handle(message, popup)).toMatchObject({
        ok: false,
        error: { code: 'bad-message' },
      });
    }
  });

  it('passes Keyfob errors through and hides the text of any other error', async () => {
    expect(await server().handle({ keyfob: 1, name: 'fail', data: {} }, popup)).toEqual({
      ok: false,
      error: { code: 'wrong-passphrase', message: 'That passphrase is not right.' },
    });
    const crash = await server().handle({ keyfob: 1, name: 'crash', data: {} }, popup);
    expect(JSON.stringify(crash)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(crash).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('tells the handler who is asking, as the browser reported it', async () => {
    expect(await server().handle({ keyfob: 1, name: 'fromPage', data: {} }, contentScript)).toEqual(
      { ok: true, value: 'content-script' },
    );
  });
});
