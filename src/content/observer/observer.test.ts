// @vitest-environment happy-dom
import { installPageObserver, type ObserverWindow } from './install';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SESSION = 'AYABeEXAMPLEsessionValue0123456789abcdefghij';
const PASSWORD = 'correct horse battery staple';
const USER_CODE = '123456';
const target = (operation: string) => `AWSCognitoIdentityProviderService.${operation}`;
const JSON_11 = 'application/x-amz-json-1.1';

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const ACCESS_TOKEN = [
  base64url(JSON.stringify({ alg: 'RS256', kid: 'k1' })),
  base64url(
    JSON.stringify({
      sub: 'a1b2',
      username: 'alice',
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123',
      client_id: 'client1',
      token_use: 'access',
    }),
  ),
  'c2lnbmF0dXJl',
].join('.');

/** Everything sensitive a page sends that must never appear in a posted message. */
const NEVER_POSTED = [ACCESS_TOKEN, ACCESS_TOKEN.split('.')[1]!, SESSION, PASSWORD, USER_CODE];

const cognitoHeaders = (operation: string) => ({
  'Content-Type': JSON_11,
  'X-Amz-Target': target(operation),
});

const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_11, ...headers },
  });

class FakeXhr extends EventTarget {
  static instances: FakeXhr[] = [];
  opened: unknown[] = [];
  headers: [string, string][] = [];
  sent: unknown[] | undefined;
  status = 0;
  responseType: XMLHttpRequestResponseType = '';
  responseText = '';
  response: unknown = '';
  private responseHeaders: Record<string, string> = {};
  constructor() {
    super();
    FakeXhr.instances.push(this);
  }
  open(...args: unknown[]) {
    this.opened = args;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  send(...args: unknown[]) {
    this.sent = args;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  respond(status: number, body: string, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = body;
    this.response = body;
    this.responseHeaders = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
    );
    this.dispatchEvent(new Event('load'));
  }
}

let posted: unknown[];
let pageFetch: ReturnType<typeof vi.fn>;
let uninstall: () => void;
const realFetch = window.fetch;
const realXhr = window.XMLHttpRequest;

/** Lets the observer's promise chains (clones, body reads) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function configure(deviceName: string, source: unknown = window) {
  window.dispatchEvent(
    new MessageEvent('message', {
      data: { __keyfob: 'content', type: 'config', deviceName },
      source: source as Window,
      origin: window.location.origin,
    }),
  );
}

/** FakeXhr's own methods, as the page has them before the observer wraps them. */
const XHR_METHODS = {
  open: FakeXhr.prototype.open,
  setRequestHeader: FakeXhr.prototype.setRequestHeader,
  send: FakeXhr.prototype.send,
};

/** A page's USER_PASSWORD_AUTH sign-in: its password must never be posted. */
const SIGN_IN_BODY = JSON.stringify({
  AuthFlow: 'USER_PASSWORD_AUTH',
  ClientId: 'client1',
  AuthParameters: { USERNAME: 'bob@example.com', PASSWORD },
});

/** What the observer posted beyond its hello and its one activity cue. */
const reports = () =>
  posted.filter(
    (message) => !['ready', 'activity'].includes((message as { type?: string }).type!),
  ) as Record<string, unknown>[];

const activityCues = () =>
  posted.filter((message) => (message as { type?: string }).type === 'activity');

beforeEach(() => {
  posted = [];
  FakeXhr.instances = [];
  pageFetch = vi.fn();
  window.fetch = pageFetch as unknown as typeof fetch;
  window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => {
    posted.push(structuredClone(message));
  });
  uninstall = installPageObserver(window as unknown as ObserverWindow);
});

afterEach(() => {
  uninstall();
  window.fetch = realFetch;
  window.XMLHttpRequest = realXhr;
  // No message may ever carry a token, a session, a password or the code the page sent.
  const all = JSON.stringify(posted);
  for (const value of NEVER_POSTED) expect(all).not.toContain(value);
  expect(all).not.toMatch(/AccessToken|Session|UserCode|PASSWORD/);
});

describe('page observer: fetch', () => {
  it('leaves the page nothing to find it by: no message, no marker, no reply to a config', () => {
    expect(posted).toEqual([]);
    expect(Object.getOwnPropertySymbols(window).map(String)).not.toContainEqual(
      expect.stringMatching(/keyfob/i),
    );
    expect(Object.keys(window).filter((key) => /keyfob|observer/i.test(key))).toEqual([]);
    // A page posting a config message to see who answers hears nothing.
    configure('Probe');
    expect(posted).toEqual([]);
  });

  it('wraps fetch and XMLHttpRequest so that they read as the page’s own functions', () => {
    const source = (f: unknown) => Function.prototype.toString.call(f);
    expect(window.fetch).not.toBe(pageFetch);
    expect(source(window.fetch)).toBe(source(pageFetch));
    expect(window.fetch.name).toBe(pageFetch.name);
    expect(window.fetch.length).toBe(pageFetch.length);
    for (const name of ['open', 'setRequestHeader', 'send'] as const) {
      const wrapped = window.XMLHttpRequest.prototype[name];
      const original = XHR_METHODS[name];
      expect(wrapped).not.toBe(original);
      expect(source(wrapped)).toBe(source(original));
      expect(wrapped.name).toBe(original.name);
    }
    // Function.prototype.toString itself reads as native.
    expect(source(Function.prototype.toString)).toMatch(
      /^function toString\(\) \{\s*\[native code\]\s*\}$/,
    );
  });

  it('cues the bridge once, at the page’s first Cognito call, and says nothing else with it', async () => {
    pageFetch.mockResolvedValue(jsonResponse({ ChallengeName: 'MFA_SETUP', Session: SESSION }));
    await window.fetch('https://api.example/config', { method: 'GET' });
    expect(activityCues()).toEqual([]);
    const signIn = () =>
      window.fetch('https://cognito-idp.eu-west-1.amazonaws.com/', {
        method: 'POST',
        headers: cognitoHeaders('InitiateAuth'),
        body: SIGN_IN_BODY,
      });
    await signIn();
    await signIn();
    await settle();
    expect(activityCues()).toEqual([{ __keyfob: 'observer', type: 'activity' }]);
    expect(reports()).toEqual([]);
  });

  it('passes other requests through untouched: same this, same arguments, same promise', async () => {
    const answer = Promise.resolve(new Response('ok'));
    pageFetch.mockReturnValue(answer);
    const init = { method: 'POST', body: JSON.stringify({ password: PASSWORD }) };
    const self = { tag: 'page' };
    const returned = window.fetch.call(self, 'https://api.example/login', init);
    expect(returned).toBe(answer);
    expect(pageFetch).toHaveBeenCalledTimes(1);
    expect(pageFetch.mock.contexts[0]).toBe(self);
    expect(pageFetch.mock.calls[0]).toHaveLength(2);
    expect(pageFetch.mock.calls[0]![0]).toBe('https://api.example/login');
    expect(pageFetch.mock.calls[0]![1]).toBe(init);
    await settle();
    expect(reports()).toEqual([]);
  });

  it('does not read the body of a Request that is not a Cognito call', async () => {
    const request = new Request('https://api.example/upload', {
      method: 'POST',
      body: JSON.stringify({ password: PASSWORD }),
      headers: { 'Content-Type': 'application/json' },
    });
    const clone = vi.spyOn(request, 'clone');
    pageFetch.mockResolvedValue(new Response('ok'));
    void window.fetch(request);
    expect(pageFetch.mock.calls[0]).toEqual([request]);
    expect(pageFetch.mock.calls[0]![0]).toBe(request);
    expect(clone).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
  });

  it('leaves calls alone whose target is Cognito but whose content type is not JSON 1.1', async () => {
    configure('Keyfob');
    const body = JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE });
    const init = {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Amz-Target': target('VerifySoftwareToken'),
      },
      body,
    };
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS' }));
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', init);
    expect(pageFetch.mock.calls[0]![1]).toBe(init);
    await settle();
    expect(reports()).toEqual([]);
  });

  it('propagates the page fetch’s rejection unchanged', async () => {
    const failure = new TypeError('Failed to fetch');
    pageFetch.mockRejectedValue(failure);
    await expect(window.fetch('https://api.example/')).rejects.toBe(failure);
    await expect(
      window.fetch('http://127.0.0.1:9229/', {
        method: 'POST',
        headers: cognitoHeaders('AssociateSoftwareToken'),
        body: JSON.stringify({ AccessToken: ACCESS_TOKEN }),
      }),
    ).rejects.toBe(failure);
  });

  it('reads SecretCode from AssociateSoftwareToken on any host, leaving the body to the page', async () => {
    const answer = Promise.resolve(jsonResponse({ SecretCode: SECRET }));
    pageFetch.mockReturnValue(answer);
    const init = {
      method: 'POST',
      headers: cognitoHeaders('AssociateSoftwareToken'),
      body: JSON.stringify({ AccessToken: ACCESS_TOKEN }),
    };
    const returned = window.fetch('http://127.0.0.1:9229/', init);
    expect(returned).toBe(answer);
    expect(pageFetch.mock.calls[0]![1]).toBe(init);
    const response = await returned;
    expect(await response.json()).toEqual({ SecretCode: SECRET });
    await settle();
    expect(reports()).toEqual([
      {
        __keyfob: 'observer',
        type: 'associate',
        secret: SECRET,
        account: 'alice',
      },
    ]);
  });

  it('labels a Session-based setup with the USERNAME of the sign-in, read from Request objects', async () => {
    pageFetch.mockImplementation(async (input: Request) => {
      const operation = input.headers.get('x-amz-target');
      return operation === target('InitiateAuth')
        ? jsonResponse({ ChallengeName: 'MFA_SETUP', Session: SESSION })
        : jsonResponse({ SecretCode: SECRET, Session: SESSION });
    });
    const signIn = new Request('https://cognito-idp.eu-west-1.amazonaws.com/', {
      method: 'POST',
      headers: cognitoHeaders('InitiateAuth'),
      body: SIGN_IN_BODY,
    });
    await window.fetch(signIn);
    await settle();
    const associate = new Request('https://cognito-idp.eu-west-1.amazonaws.com/', {
      method: 'POST',
      headers: cognitoHeaders('AssociateSoftwareToken'),
      body: JSON.stringify({ Session: SESSION }),
    });
    const response = await window.fetch(associate);
    expect(pageFetch.mock.calls[1]).toEqual([associate]);
    expect((await response.json()).SecretCode).toBe(SECRET);
    await settle();
    expect(reports()).toEqual([
      { __keyfob: 'observer', type: 'associate', secret: SECRET, account: 'bob@example.com' },
    ]);
  });

  it('adds FriendlyDeviceName to VerifySoftwareToken once told a device name', async () => {
    configure('Keyfob on Chromium');
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS' }));
    const init = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', init);
    const [, sentInit] = pageFetch.mock.calls[0] as [string, RequestInit];
    expect(JSON.parse(sentInit.body as string)).toEqual({
      AccessToken: ACCESS_TOKEN,
      UserCode: USER_CODE,
      FriendlyDeviceName: 'Keyfob on Chromium',
    });
    // Every other member of the page's init is still there.
    expect(sentInit.method).toBe('POST');
    expect(sentInit.headers).toBe(init.headers);
    await settle();
    expect(reports()).toEqual([
      { __keyfob: 'observer', type: 'verify', outcome: { kind: 'status', status: 'SUCCESS' } },
    ]);
  });

  it('adds the device name to a VerifySoftwareToken Request too, before it is sent', async () => {
    configure('Keyfob');
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS', Session: SESSION }));
    const request = new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ Session: SESSION, UserCode: USER_CODE }),
    });
    await window.fetch(request);
    const [sentRequest, sentInit] = pageFetch.mock.calls[0] as [Request, RequestInit];
    expect(sentRequest).toBe(request);
    expect(JSON.parse(sentInit.body as string)).toEqual({
      Session: SESSION,
      UserCode: USER_CODE,
      FriendlyDeviceName: 'Keyfob',
    });
  });

  it('keeps a FriendlyDeviceName the page chose, and adds none without a device name', async () => {
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS' }));
    const plain = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', plain);
    expect(pageFetch.mock.calls[0]![1]).toBe(plain);

    configure('Keyfob');
    const named = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({
        AccessToken: ACCESS_TOKEN,
        UserCode: USER_CODE,
        FriendlyDeviceName: 'My phone',
      }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', named);
    expect(pageFetch.mock.calls[1]![1]).toBe(named);
  });

  it('does not touch a signed request or a malformed one', async () => {
    configure('Keyfob');
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS' }));
    const signed = {
      method: 'POST',
      headers: { ...cognitoHeaders('VerifySoftwareToken'), Authorization: 'AWS4-HMAC-SHA256 …' },
      body: JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', signed);
    expect(pageFetch.mock.calls[0]![1]).toBe(signed);
    const malformed = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ UserCode: 'abc' }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', malformed);
    expect(pageFetch.mock.calls[1]![1]).toBe(malformed);
  });

  it('takes a device name only from this window, in the exact config shape', async () => {
    configure('From a frame', {});
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { __keyfob: 'content', type: 'config', deviceName: 'x'.repeat(65) },
        source: window,
      }),
    );
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { __keyfob: 'content', type: 'config', deviceName: 'Extra', extra: 1 },
        source: window,
      }),
    );
    pageFetch.mockResolvedValue(jsonResponse({ Status: 'SUCCESS' }));
    const init = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }),
    };
    await window.fetch('https://cognito-idp.us-east-1.amazonaws.com/', init);
    expect(pageFetch.mock.calls[0]![1]).toBe(init);
  });

  it('reports VerifySoftwareToken errors by name, from the header or the body', async () => {
    pageFetch
      .mockResolvedValueOnce(
        jsonResponse({ __type: 'CodeMismatchException', message: 'Invalid code' }, 400, {
          'x-amzn-ErrorType': 'EnableSoftwareTokenMFAException:http://internal.amazon.com/',
        }),
      )
      .mockResolvedValueOnce(
        jsonResponse(
          { __type: 'com.amazonaws.cognito#NotAuthorizedException', message: 'expired' },
          400,
        ),
      );
    const init = {
      method: 'POST',
      headers: cognitoHeaders('VerifySoftwareToken'),
      body: JSON.stringify({ Session: SESSION, UserCode: USER_CODE }),
    };
    const first = await window.fetch('http://localhost:9229/', init);
    expect(first.status).toBe(400);
    expect((await first.json()).__type).toBe('CodeMismatchException');
    await window.fetch('http://localhost:9229/', init);
    await settle();
    expect(reports()).toEqual([
      {
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'error', errorName: 'EnableSoftwareTokenMFAException' },
      },
      {
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'error', errorName: 'NotAuthorizedException' },
      },
    ]);
  });

  it('puts the page’s fetch back when uninstalled', () => {
    const toString = Function.prototype.toString;
    uninstall();
    expect(window.fetch).toBe(pageFetch);
    expect(Function.prototype.toString).not.toBe(toString);
    uninstall = () => {};
  });
});

describe('page observer: XMLHttpRequest', () => {
  function open(operation?: string) {
    const xhr = new window.XMLHttpRequest() as unknown as FakeXhr & XMLHttpRequest;
    xhr.open('POST', 'https://cognito-idp.us-east-1.amazonaws.com/', true);
    if (operation) {
      xhr.setRequestHeader('Content-Type', JSON_11);
      xhr.setRequestHeader('X-Amz-Target', target(operation));
    }
    return xhr;
  }

  it('passes other requests through with the same arguments', () => {
    const xhr = new window.XMLHttpRequest() as unknown as FakeXhr & XMLHttpRequest;
    xhr.open('POST', '/api/login');
    expect(xhr.opened).toEqual(['POST', '/api/login']);
    xhr.setRequestHeader('Content-Type', 'application/json');
    const body = JSON.stringify({ password: PASSWORD });
    xhr.send(body);
    expect(xhr.sent).toEqual([body]);
    xhr.respond(200, '{}');
    expect(reports()).toEqual([]);
  });

  it('adds FriendlyDeviceName and reports the outcome of VerifySoftwareToken', () => {
    configure('Keyfob');
    const xhr = open('VerifySoftwareToken');
    xhr.send(JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }));
    expect(JSON.parse(xhr.sent![0] as string)).toEqual({
      AccessToken: ACCESS_TOKEN,
      UserCode: USER_CODE,
      FriendlyDeviceName: 'Keyfob',
    });
    xhr.respond(200, JSON.stringify({ Status: 'ERROR' }));
    expect(xhr.responseText).toBe('{"Status":"ERROR"}');
    expect(reports()).toEqual([
      { __keyfob: 'observer', type: 'verify', outcome: { kind: 'status', status: 'ERROR' } },
    ]);
  });

  it('reads the secret of AssociateSoftwareToken and reads errors from headers', () => {
    const associate = open('AssociateSoftwareToken');
    associate.send(JSON.stringify({ AccessToken: ACCESS_TOKEN }));
    associate.respond(200, JSON.stringify({ SecretCode: SECRET }));
    const verify = open('VerifySoftwareToken');
    verify.send(JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE }));
    verify.respond(400, '', { 'x-amzn-ErrorType': 'CodeMismatchException' });
    expect(reports()).toEqual([
      {
        __keyfob: 'observer',
        type: 'associate',
        secret: SECRET,
        account: 'alice',
      },
      {
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'error', errorName: 'CodeMismatchException' },
      },
    ]);
  });

  it('forgets headers when a request is opened again', () => {
    configure('Keyfob');
    const xhr = open('VerifySoftwareToken');
    xhr.open('POST', '/other');
    const body = JSON.stringify({ AccessToken: ACCESS_TOKEN, UserCode: USER_CODE });
    xhr.send(body);
    expect(xhr.sent).toEqual([body]);
  });
});
