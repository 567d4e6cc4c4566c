// @vitest-environment happy-dom
import { KeyfobError } from '../shared';
import type { SendContentMessage } from '../messaging/content-client';
import type {
  ContentMessageName,
  ContentProtocolMap,
  OutcomeReply,
  SetupReply,
} from '../messaging/content-protocol';
import { startCognitoContent, type CognitoContent } from './controller';
import type { FieldVisibility } from './visibility';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk';
const FILL: SetupReply = {
  action: 'fill',
  enrollmentId: 'enr-1',
  code: '123456',
  deviceName: 'Keyfob on Chromium',
  autoSubmit: false,
};

/** Amplify UI's SetupTotp form, as its markup is documented (docs/architecture.md §4). */
const AMPLIFY_SETUP = `
  <form data-amplify-authenticator-setup-totp>
    <div>
      <img data-amplify-qrcode src="${QR}" alt="qr code" width="228" height="228">
      <div data-amplify-copy><div>${SECRET}</div><button type="button">Copy</button></div>
      <label for="code">Code *</label>
      <input id="code" name="confirmation_code" autocomplete="one-time-code" inputmode="numeric">
      <button type="submit">Confirm</button>
    </div>
  </form>`;

/** A custom page: grouped secret, a device-name field, six one-digit boxes. */
const CUSTOM_SETUP = `
  <main>
    <h1>Set up your authenticator app</h1>
    <p>Secret key: <code class="secret">JBSW Y3DP EHPK 3PXP</code></p>
    <form>
      <label>Device name <input name="deviceName" type="text"></label>
      <div class="otp">${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>
      <button type="submit">Verify</button>
    </form>
  </main>`;

const SIGN_IN = `
  <form>
    <p>Enter the code from your authenticator app.</p>
    <input name="totp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
    <button type="submit">Sign in</button>
  </form>`;

type Handlers = { [N in ContentMessageName]?: (data: unknown) => unknown };

let calls: { name: ContentMessageName; data: unknown }[];
let posted: unknown[];
let content: CognitoContent | undefined;

function background(handlers: Handlers = {}): SendContentMessage {
  const all: Handlers = {
    getPageConfig: () => ({ deviceName: 'Keyfob on Chromium' }),
    reportSetupScreen: () => ({ action: 'ignore', reason: 'test' }),
    reportVerifyOutcome: () => ({ action: 'none' }),
    requestSignInCode: () => ({ code: null }),
    ...handlers,
  };
  return (async (name: ContentMessageName, data: unknown) => {
    calls.push({ name, data });
    const handler = all[name];
    if (!handler) throw new KeyfobError('unknown-message', 'Keyfob does not know that request.');
    return handler(data);
  }) as SendContentMessage;
}

function start(
  handlers: Handlers = {},
  win: Window = window,
  whyHidden: FieldVisibility = () => null,
) {
  content = startCognitoContent({
    win,
    send: background(handlers),
    debounceMs: 5,
    settleMs: 5,
    configAckMs: 10,
    // happy-dom lays nothing out; ./visibility.test.ts covers how fields are measured.
    whyHidden,
  });
  return content;
}

const callsNamed = (name: keyof ContentProtocolMap) =>
  calls.filter((call) => call.name === name).map((call) => call.data);

function fromObserver(data: unknown, init: MessageEventInit = {}) {
  window.dispatchEvent(
    new MessageEvent('message', {
      data,
      source: window,
      origin: window.location.origin,
      ...init,
    }),
  );
}

const codeInput = () => document.querySelector<HTMLInputElement>('input[name=confirmation_code]')!;

beforeEach(() => {
  calls = [];
  posted = [];
  document.title = 'Example App';
  document.body.innerHTML = '';
  sessionStorage.clear();
  vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => {
    posted.push(message);
  });
});

afterEach(() => {
  content?.stop();
  content = undefined;
});

describe('content script: observer messages', () => {
  it('ignores forged, malformed and foreign messages', async () => {
    const running = start();
    await running.idle();
    const associate = { __keyfob: 'observer', type: 'associate', secret: SECRET };
    fromObserver(associate, { source: null });
    fromObserver(associate, { source: {} as Window });
    fromObserver(associate, { origin: 'https://evil.example' });
    fromObserver({ ...associate, secret: 'not-base32!' });
    fromObserver({ ...associate, extra: 1 });
    fromObserver({ __keyfob: 'observer', type: 'verify', outcome: { kind: 'status' } });
    fromObserver('associate');
    fromObserver({ type: 'wxt:content-script-started', contentScriptName: 'x' });
    await running.idle();
    expect(callsNamed('reportSetupScreen')).toEqual([]);
    expect(callsNamed('reportVerifyOutcome')).toEqual([]);
  });

  it('tells the observer the device name only once a setup shows', async () => {
    const config = { __keyfob: 'content', type: 'config', deviceName: 'Keyfob on Chromium' };
    const running = start();
    await running.idle();
    // A page without a setup learns nothing of Keyfob, its device name included.
    expect(posted).toEqual([]);
    document.body.innerHTML = AMPLIFY_SETUP;
    await vi.waitFor(() => expect(posted).toContainEqual(config));
  });

  it('reports a secret the observer read, and fills the code the background answers', async () => {
    document.body.innerHTML = AMPLIFY_SETUP.replace(SECRET, 'copy me');
    const submitted = vi.fn((event: Event) => event.preventDefault());
    document.querySelector('form')!.addEventListener('submit', submitted);
    const running = start({ reportSetupScreen: () => FILL });
    await running.idle();
    calls = [];
    fromObserver({
      __keyfob: 'observer',
      type: 'associate',
      secret: SECRET,
      account: 'alice',
    });
    await running.idle();
    expect(callsNamed('reportSetupScreen')).toEqual([
      { secret: SECRET, hints: { issuer: 'Example App', account: 'alice' } },
    ]);
    expect(codeInput().value).toBe('123456');
    expect(submitted).not.toHaveBeenCalled();
    // The observer sees this page's Cognito calls, so no "left setup" note is left behind.
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps a code for a setup screen that has not rendered yet', async () => {
    const running = start({ reportSetupScreen: () => FILL });
    await running.idle();
    fromObserver({ __keyfob: 'observer', type: 'associate', secret: SECRET });
    await running.idle();
    document.body.innerHTML = AMPLIFY_SETUP;
    await vi.waitFor(() => expect(codeInput().value).toBe('123456'));
  });

  it('reports VerifySoftwareToken outcomes and refills with the next code', async () => {
    document.body.innerHTML = AMPLIFY_SETUP;
    const outcomes: OutcomeReply[] = [{ action: 'refill', code: '654321' }, { action: 'verified' }];
    const running = start({
      reportSetupScreen: () => FILL,
      reportVerifyOutcome: () => outcomes.shift(),
    });
    await running.idle();
    expect(codeInput().value).toBe('123456');
    expect(sessionStorage.length).toBe(1);
    fromObserver({
      __keyfob: 'observer',
      type: 'verify',
      outcome: { kind: 'error', errorName: 'CodeMismatchException' },
    });
    await running.idle();
    expect(codeInput().value).toBe('654321');
    fromObserver({
      __keyfob: 'observer',
      type: 'verify',
      outcome: { kind: 'status', status: 'SUCCESS' },
    });
    await running.idle();
    expect(callsNamed('reportVerifyOutcome')).toEqual([
      { enrollmentId: 'enr-1', outcome: { kind: 'error', errorName: 'CodeMismatchException' } },
      { enrollmentId: 'enr-1', outcome: { kind: 'status', status: 'SUCCESS' } },
    ]);
    // Verified: no "left setup" note remains for the next page.
    expect(sessionStorage.length).toBe(0);
  });

  it('puts no explanation into the page, as text or as markup: pages cannot see Keyfob', async () => {
    document.body.innerHTML = AMPLIFY_SETUP;
    const running = start({
      reportSetupScreen: () => FILL,
      reportVerifyOutcome: () => ({ action: 'explain' }),
    });
    await running.idle();
    const page = document.documentElement.outerHTML;
    const postedBefore = posted.length;
    fromObserver({
      __keyfob: 'observer',
      type: 'verify',
      outcome: { kind: 'error', errorName: 'NotAuthorizedException' },
    });
    await running.idle();
    expect(callsNamed('reportVerifyOutcome')).toHaveLength(1);
    // The popup's notices tell the person (docs/architecture.md §3, rules 7 and 13).
    expect(document.documentElement.outerHTML).toBe(page);
    expect(posted).toHaveLength(postedBefore);
  });
});

describe('content script: setup screens in the DOM', () => {
  it('reports the Amplify setup screen with its secret and QR image, once', async () => {
    document.body.innerHTML = AMPLIFY_SETUP;
    const running = start();
    await running.idle();
    expect(callsNamed('reportSetupScreen')).toEqual([
      { secret: SECRET, qrImages: [QR], hints: { issuer: 'Example App' } },
    ]);
    // A mutation that changes nothing the report is made of sends nothing new.
    document.querySelector('label')!.textContent = 'Code (6 digits)';
    await new Promise((resolve) => setTimeout(resolve, 30));
    await running.idle();
    expect(callsNamed('reportSetupScreen')).toHaveLength(1);
  });

  it('fills six boxes and an empty device-name field, and submits only when told to', async () => {
    document.body.innerHTML = CUSTOM_SETUP;
    const submitted = vi.fn((event: Event) => event.preventDefault());
    document.querySelector('form')!.addEventListener('submit', submitted);
    const running = start({ reportSetupScreen: () => ({ ...FILL, autoSubmit: true }) });
    await running.idle();
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>('.otp input'));
    expect(boxes.map((box) => box.value).join('')).toBe('123456');
    expect(document.querySelector<HTMLInputElement>('[name=deviceName]')!.value).toBe(
      'Keyfob on Chromium',
    );
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(callsNamed('reportSetupScreen')).toEqual([
      { secret: 'JBSWY3DPEHPK3PXP', hints: { issuer: 'Example App' } },
    ]);
  });

  it('does not overwrite a device name the person typed, nor submit without autoSubmit', async () => {
    document.body.innerHTML = CUSTOM_SETUP;
    document.querySelector<HTMLInputElement>('[name=deviceName]')!.value = 'Work laptop';
    const submitted = vi.fn((event: Event) => event.preventDefault());
    document.querySelector('form')!.addEventListener('submit', submitted);
    await start({ reportSetupScreen: () => FILL }).idle();
    expect(document.querySelector<HTMLInputElement>('[name=deviceName]')!.value).toBe(
      'Work laptop',
    );
    expect(submitted).not.toHaveBeenCalled();
  });

  it('reports again and fills again on a scanForSetup command', async () => {
    document.body.innerHTML = AMPLIFY_SETUP;
    const running = start({ reportSetupScreen: () => ({ action: 'wait-unlock' }) });
    await running.idle();
    expect(codeInput().value).toBe('');
    expect(await running.handleCommand({ keyfob: 1, command: 'scanForSetup' })).toEqual({
      done: true,
    });
    expect(callsNamed('reportSetupScreen')).toHaveLength(2);
    // After unlock the background sends the code for the enrollment.
    expect(
      await running.handleCommand({
        keyfob: 1,
        command: 'fillCode',
        code: '777888',
        enrollmentId: 'enr-2',
      }),
    ).toEqual({ done: true });
    expect(codeInput().value).toBe('777888');
  });
});

describe('content script: sign-in and left setup', () => {
  it('asks for a sign-in code once and fills it', async () => {
    document.body.innerHTML = SIGN_IN;
    const running = start({ requestSignInCode: () => ({ code: '246810' }) });
    await running.idle();
    expect(callsNamed('requestSignInCode')).toHaveLength(1);
    expect(document.querySelector('input')!.value).toBe('246810');
    await running.scan();
    expect(callsNamed('requestSignInCode')).toHaveLength(1);
    expect(callsNamed('reportSetupScreen')).toEqual([]);
  });

  it('does not ask for a code on an SMS code screen', async () => {
    document.body.innerHTML = SIGN_IN.replace(
      'from your authenticator app',
      'we sent by text message',
    );
    await start({ requestSignInCode: () => ({ code: '246810' }) }).idle();
    expect(callsNamed('requestSignInCode')).toEqual([]);
  });

  it('fills a code the background sends on a user gesture', async () => {
    document.body.innerHTML = SIGN_IN;
    const running = start();
    await running.idle();
    expect(await running.handleCommand({ keyfob: 1, command: 'fillCode', code: '135790' })).toEqual(
      { done: true },
    );
    expect(document.querySelector('input')!.value).toBe('135790');
    document.body.innerHTML = '<p>Nothing here</p>';
    expect(await running.handleCommand({ keyfob: 1, command: 'fillCode', code: '135790' })).toEqual(
      { done: false, refused: 'no-field' },
    );
  });

  it('never fills a code field the person cannot see, and says so', async () => {
    document.body.innerHTML = SIGN_IN;
    const running = start(
      { requestSignInCode: () => ({ code: '246810' }) },
      window,
      () => 'covered',
    );
    await running.idle();
    // Automatic fill does not even ask for a code for a field nobody can see.
    expect(callsNamed('requestSignInCode')).toEqual([]);
    expect(await running.handleCommand({ keyfob: 1, command: 'fillCode', code: '135790' })).toEqual(
      { done: false, refused: 'hidden-field' },
    );
    expect(document.querySelector('input')!.value).toBe('');
  });

  it('scrolls nothing into view before the background gives a code, and then only to fill', async () => {
    document.body.innerHTML = SIGN_IN;
    const asked: boolean[] = [];
    const belowTheFold: FieldVisibility = (_field, reveal) => {
      asked.push(reveal);
      return reveal ? null : 'off-screen';
    };
    await start({ requestSignInCode: () => ({ code: null }) }, window, belowTheFold).idle();
    // Asked about (it may be filled once scrolled to), but with no code nothing was scrolled.
    expect(callsNamed('requestSignInCode')).toHaveLength(1);
    expect(asked).not.toContain(true);
    content?.stop();

    document.body.innerHTML = SIGN_IN;
    asked.length = 0;
    await start({ requestSignInCode: () => ({ code: '246810' }) }, window, belowTheFold).idle();
    expect(asked).toContain(true);
    expect(document.querySelector('input')!.value).toBe('246810');
  });

  it('never fills a setup screen the person cannot see', async () => {
    document.body.innerHTML = AMPLIFY_SETUP;
    const running = start({}, window, (field) => (field === codeInput() ? 'transparent' : null));
    await running.idle();
    const fill = { keyfob: 1, command: 'fillCode', code: '135790', enrollmentId: 'enr-1' } as const;
    expect(await running.handleCommand(fill)).toEqual({ done: false, refused: 'hidden-field' });
    expect(codeInput().value).toBe('');
  });

  it('refuses a fill meant for another origin (the tab navigated in between)', async () => {
    document.body.innerHTML = SIGN_IN;
    const running = start();
    await running.idle();
    const fill = { keyfob: 1, command: 'fillCode', code: '135790' } as const;
    expect(
      await running.handleCommand({ ...fill, expectedOrigin: 'https://other.example' }),
    ).toEqual({ done: false, refused: 'page-changed' });
    expect(document.querySelector('input')!.value).toBe('');
    expect(
      await running.handleCommand({ ...fill, expectedOrigin: window.location.origin }),
    ).toEqual({ done: true });
    expect(document.querySelector('input')!.value).toBe('135790');
  });

  it('reports left-setup when the page after a fill shows no setup screen', async () => {
    sessionStorage.setItem(
      'keyfob:setup-fill',
      JSON.stringify({ at: Date.now(), enrollmentId: 'enr-9' }),
    );
    document.body.innerHTML = '<h1>Welcome back</h1>';
    const running = start({ reportVerifyOutcome: () => ({ action: 'verified' }) });
    await running.idle();
    expect(callsNamed('reportVerifyOutcome')).toEqual([
      { enrollmentId: 'enr-9', outcome: { kind: 'left-setup' } },
    ]);
    expect(sessionStorage.length).toBe(0);
  });

  it('says nothing while the setup screen is still shown, or without a recent fill', async () => {
    sessionStorage.setItem(
      'keyfob:setup-fill',
      JSON.stringify({ at: Date.now(), enrollmentId: 'enr-9' }),
    );
    document.body.innerHTML = AMPLIFY_SETUP;
    let running = start();
    await running.idle();
    expect(callsNamed('reportVerifyOutcome')).toEqual([]);
    running.stop();

    sessionStorage.setItem('keyfob:setup-fill', JSON.stringify({ at: Date.now() - 3_600_000 }));
    document.body.innerHTML = '<h1>Welcome back</h1>';
    running = start();
    await running.idle();
    expect(callsNamed('reportVerifyOutcome')).toEqual([]);
  });

  it('does nothing at all outside the top frame', async () => {
    document.body.innerHTML = SIGN_IN;
    const frame = { top: {}, document } as unknown as Window;
    const running = start({ requestSignInCode: () => ({ code: '246810' }) }, frame);
    await running.idle();
    expect(await running.handleCommand({ keyfob: 1, command: 'fillCode', code: '135790' })).toEqual(
      { done: false, refused: 'stopped' },
    );
    expect(calls).toEqual([]);
    expect(document.querySelector('input')!.value).toBe('');
  });
});
