// @vitest-environment happy-dom
import { BRIDGE_KEY, MAX_HELD_MESSAGES, findPageBridge, startPageBridge } from './bridge';
import { markFill } from './fill-mark';

const SIGN_IN_PASSWORD = `
  <form>
    <label>Username <input name="username" autocomplete="username"></label>
    <label>Password <input type="password" name="password"></label>
    <button>Sign in</button>
  </form>`;
const CODE_FIELD = '<input name="totp" autocomplete="one-time-code" inputmode="numeric">';

function fromPage(data: unknown, source: unknown = window) {
  window.dispatchEvent(
    new MessageEvent('message', { data, source: source as Window, origin: location.origin }),
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
/**
 * Waits until the bridge has asked `count` times, then a little longer to see it ask no more:
 * on a busy machine the DOM's mutation records can take longer than one settle to arrive.
 */
async function expectRequests(count: number) {
  await vi.waitFor(() => expect(requests).toBeGreaterThanOrEqual(count));
  await settle();
  expect(requests).toBe(count);
}
const associate = { __keyfob: 'observer', type: 'associate', secret: 'JBSWY3DPEHPK3PXP' };

let requests: number;
let warmUps: number;
let answer: () => Promise<boolean>;
function start(win: Window = window) {
  return startPageBridge({
    win,
    requestHelper: () => {
      requests++;
      return answer();
    },
    warmUp: async () => {
      warmUps++;
      return {};
    },
  });
}

beforeEach(() => {
  delete (globalThis as Record<string, unknown>)[BRIDGE_KEY];
  sessionStorage.clear();
  document.body.innerHTML = SIGN_IN_PASSWORD;
  requests = 0;
  warmUps = 0;
  answer = async () => true;
});
afterEach(() => {
  findPageBridge()?.handOver();
});

describe('page bridge', () => {
  it('does not ask for the helper on a page without a code field', async () => {
    start();
    await settle();
    fromPage({ __keyfob: 'content', type: 'config', deviceName: 'Keyfob' });
    await settle();
    expect(requests).toBe(0);
  });

  it('asks at once when the page already shows a code field', () => {
    document.body.innerHTML = CODE_FIELD;
    start();
    expect(requests).toBe(1);
  });

  it('asks when a code field appears later, once for a burst of changes', async () => {
    start();
    document.body.insertAdjacentHTML('beforeend', CODE_FIELD);
    document.body.insertAdjacentHTML('beforeend', '<input maxlength="1">');
    await expectRequests(1);
  });

  it('asks when an existing field becomes a code field', async () => {
    start();
    document.querySelector('input[name=username]')!.setAttribute('autocomplete', 'one-time-code');
    await expectRequests(1);
  });

  it('asks when the page starts talking to Cognito, and when a setup fill is pending', async () => {
    start();
    fromPage({ __keyfob: 'observer', type: 'activity' });
    expect(requests).toBe(1);

    findPageBridge()!.handOver();
    delete (globalThis as Record<string, unknown>)[BRIDGE_KEY];
    requests = 0;
    markFill(sessionStorage, { at: Date.now(), enrollmentId: 'e1' });
    start();
    expect(requests).toBe(1);
  });

  it('wakes the background once when the page sends a form, until the helper takes over', () => {
    const bridge = start()!;
    const form = document.querySelector('form')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.requestSubmit();
    form.requestSubmit();
    expect(warmUps).toBe(1);
    expect(requests).toBe(0);

    bridge.handOver();
    delete (globalThis as Record<string, unknown>)[BRIDGE_KEY];
    warmUps = 0;
    const next = start()!;
    next.handOver();
    form.requestSubmit();
    expect(warmUps).toBe(0);
  });

  it('hands over what the observer posted, in order, once', () => {
    const bridge = start()!;
    const verify = { __keyfob: 'observer', type: 'verify', outcome: { kind: 'error' } };
    fromPage({ __keyfob: 'observer', type: 'activity' });
    fromPage(associate);
    fromPage(verify);
    // Not from this window, or not the observer's shape: never kept.
    fromPage({ ...associate, secret: 'AAAAAAAAAAAAAAAA' }, null);
    fromPage('associate');
    fromPage({ type: 'associate' });

    expect(bridge.handOver()).toEqual([
      { __keyfob: 'observer', type: 'activity' },
      associate,
      verify,
    ]);
    expect(bridge.handOver()).toBeUndefined();
    fromPage(associate);
    expect(requests).toBe(1);
  });

  it('keeps only the newest messages of a page that floods it', () => {
    const bridge = start()!;
    for (let i = 0; i < MAX_HELD_MESSAGES + 10; i++) {
      fromPage({ __keyfob: 'observer', type: 'activity', n: i });
    }
    const held = bridge.handOver()!;
    expect(held).toHaveLength(MAX_HELD_MESSAGES);
    expect(held.at(-1)).toMatchObject({ n: MAX_HELD_MESSAGES + 9 });
  });

  it('asks again on a later change when a request failed, and gives up after three', async () => {
    answer = async () => false;
    document.body.innerHTML = CODE_FIELD;
    start();
    expect(requests).toBe(1);
    for (let i = 0; i < 5; i++) {
      await settle();
      document.body.insertAdjacentHTML('beforeend', CODE_FIELD);
      await settle();
    }
    expect(requests).toBe(3);
  });

  it('runs once per page and never in a frame', () => {
    expect(start()).toBeDefined();
    expect(start()).toBeUndefined();
    findPageBridge()!.handOver();
    delete (globalThis as Record<string, unknown>)[BRIDGE_KEY];

    const frame = { top: {}, document } as unknown as Window;
    expect(start(frame)).toBeUndefined();
    expect(findPageBridge()).toBeUndefined();
  });

  it('an element named like the bridge neither stops it nor passes for it', () => {
    // Chromium shows a page's `<div id="keyfobPageBridge">` on the isolated world's global
    // too, as a named property up the prototype chain.
    const named = Object.getPrototypeOf(globalThis) as Record<string, unknown>;
    const element = document.createElement('div');
    element.id = BRIDGE_KEY;
    named[BRIDGE_KEY] = element;
    try {
      expect(findPageBridge()).toBeUndefined();
      const bridge = start();
      expect(bridge).toBeDefined();
      expect(findPageBridge()).toBe(bridge);
    } finally {
      delete named[BRIDGE_KEY];
    }
  });
});
