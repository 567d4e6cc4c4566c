import { KeyfobError } from '../shared';
import {
  answeredWithin,
  openingRequest,
  startEarly,
  takeEarlyStart,
  type EarlyApi,
} from './early-start';
import type { VaultState } from '../messaging';
import { OPENING_ROWS } from './long-list';

const STATE: VaultState = { exists: true, unlocked: false, autoLockMinutes: 30 };

function fakeApi(reply: Promise<unknown> = Promise.resolve({ ok: true, value: STATE })) {
  const sent: unknown[] = [];
  const api: EarlyApi = {
    runtime: {
      sendMessage: (message) => {
        sent.push(message);
        return reply;
      },
      getURL: (path) => `chrome-extension://keyfob${path}`,
    },
    storage: { local: { get: async () => ({}), set: async () => undefined } },
    i18n: { getUILanguage: () => 'en-US', getMessage: () => '' },
  };
  return { api, sent };
}

describe("the popup's early start", () => {
  it('asks for the vault with its codes once, and hands the request over once', async () => {
    const { api, sent } = fakeApi();
    const win = {};
    startEarly(api, win, undefined, 1234);
    expect(sent).toEqual([
      { keyfob: 1, name: 'getVaultState', data: { withCodes: true, firstRows: OPENING_ROWS } },
    ]);

    const early = takeEarlyStart(win);
    expect(early?.sentAt).toBe(1234);
    expect(await early?.language).toEqual({ locale: 'en', fromCopy: false });
    // A second taker (the list reloading) asks afresh.
    expect(takeEarlyStart(win)).toBeUndefined();
  });

  it("unwraps the early request's reply, and reports its error as the background's", async () => {
    const { api } = fakeApi(
      Promise.resolve({ ok: false, error: { code: 'vault-locked', message: 'Locked.' } }),
    );
    const send = vi.fn();
    const opening = openingRequest(startEarly(api, {}, undefined), send);
    await expect(opening.state).rejects.toMatchObject({ code: 'vault-locked' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends the request itself when the early script did not run', async () => {
    const send = vi.fn(async () => STATE);
    const opening = openingRequest(undefined, send as never);
    expect(await opening.state).toBe(STATE);
    expect(send).toHaveBeenCalledWith('getVaultState', {
      withCodes: true,
      firstRows: OPENING_ROWS,
    });
  });

  it('carries an answer that came in time into the first render', async () => {
    const opening = { sentAt: 1, state: Promise.resolve(STATE) };
    expect((await answeredWithin(opening, 1000)).answered?.state).toBe(STATE);
  });

  it('does not wait long for a slow answer, nor carry a failed one', async () => {
    vi.useFakeTimers();
    try {
      const slow = { sentAt: 1, state: new Promise<VaultState>(() => undefined) };
      const waiting = answeredWithin(slow, 150);
      await vi.advanceTimersByTimeAsync(150);
      expect((await waiting).answered).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    const failed = Promise.reject(new KeyfobError('no-reply', 'No answer.'));
    failed.catch(() => undefined);
    expect((await answeredWithin({ sentAt: 1, state: failed }, 1000)).answered).toBeUndefined();
  });
});
