import {
  createVerifyWatch,
  isCognitoApiUrl,
  isCognitoHostedUrl,
  MAX_WATCHED_REQUESTS,
  readUserCode,
  type RequestEvent,
} from './verify-evidence';

const PAGE = 'https://app.example.com';
const API = 'https://cognito-idp.eu-west-1.amazonaws.com/';
const HOSTED = 'https://demo.auth.eu-west-1.amazoncognito.com';
const TARGET = [
  { name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.VerifySoftwareToken' },
];
const release = { loopback: false };

const apiCall = (over: Partial<RequestEvent> = {}): RequestEvent => ({
  requestId: '1',
  tabId: 4,
  frameId: 0,
  type: 'xmlhttprequest',
  url: API,
  method: 'POST',
  initiator: PAGE,
  ...over,
});
const body = (code = '123456') => ({
  text: JSON.stringify({ Session: 'x'.repeat(30), UserCode: code }),
});

function verify(
  status: number,
  event = apiCall(),
  headers = TARGET,
  options = release,
  errorType = 'EnableSoftwareTokenMFAException:',
) {
  const watch = createVerifyWatch(options);
  watch.request(event, body());
  watch.headers(event.requestId, headers);
  return watch.answered(event.requestId, status, errorType);
}

describe('verify evidence', () => {
  it('a 200 answer from Cognito’s API to VerifySoftwareToken is acceptance; 400 a refusal', () => {
    expect(verify(200)).toEqual({
      tabId: 4,
      origin: PAGE,
      codes: ['123456'],
      accepted: true,
      via: 'api',
    });
    expect(verify(400)).toMatchObject({ accepted: false, codes: ['123456'] });
    // An expired session or a server error says nothing about the code.
    expect(verify(400, apiCall(), TARGET, release, 'NotAuthorizedException:')).toBeNull();
    expect(verify(500, apiCall(), TARGET, release, '')).toBeNull();
  });

  it('another operation, another host, a frame or a background request proves nothing', () => {
    const other = [
      { name: 'x-amz-target', value: 'AWSCognitoIdentityProviderService.InitiateAuth' },
    ];
    expect(verify(200, apiCall(), other)).toBeNull();
    expect(verify(200, apiCall(), [])).toBeNull();
    // The page's own server, or a look-alike host, can answer anything.
    for (const url of [
      'https://app.example.com/cognito',
      'https://cognito-idp.eu-west-1.amazonaws.com.evil.example/',
      'https://cognito-idp.eu-west-1.amazonaws.com:8443/',
      'http://cognito-idp.eu-west-1.amazonaws.com/',
      'http://127.0.0.1:9229/',
    ]) {
      expect(verify(200, apiCall({ url }))).toBeNull();
    }
    expect(verify(200, apiCall({ frameId: 3 }))).toBeNull();
    expect(verify(200, apiCall({ tabId: -1 }))).toBeNull();
    expect(verify(200, apiCall({ method: 'GET' }))).toBeNull();
    const { initiator: _initiator, ...anonymous } = apiCall();
    expect(verify(200, anonymous)).toBeNull();
  });

  it('the e2e build takes loopback as Cognito; a release build never does', () => {
    const rig = apiCall({ url: 'http://127.0.0.1:9229/' });
    expect(verify(200, rig, TARGET, { loopback: true })).toMatchObject({ accepted: true });
    expect(isCognitoApiUrl('http://127.0.0.1:9229/', release)).toBe(false);
    expect(isCognitoHostedUrl('http://localhost:3000/mfa', release)).toBe(false);
    expect(isCognitoApiUrl('https://cognito-idp-fips.us-gov-west-1.amazonaws.com/', release)).toBe(
      true,
    );
    expect(isCognitoApiUrl('https://cognito-idp.cn-north-1.amazonaws.com.cn/', release)).toBe(true);
  });

  it('a hosted setup form with a code, answered by a redirect, is acceptance; a page again is not', () => {
    const form = (status: number, url = `${HOSTED}/mfa-setup`, initiator = HOSTED) => {
      const watch = createVerifyWatch(release);
      const event = apiCall({ type: 'main_frame', url, initiator });
      watch.request(event, { formData: { totpCode: [' 654321 '], deviceName: ['Keyfob'] } });
      return watch.answered(event.requestId, status);
    };
    expect(form(302)).toEqual({
      tabId: 4,
      origin: HOSTED,
      codes: ['654321'],
      accepted: true,
      via: 'hosted-form',
    });
    expect(form(200)).toMatchObject({ accepted: false });
    // Any other site's form, or a form sent to Cognito from another origin, proves nothing.
    expect(form(302, 'https://app.example.com/mfa-setup', PAGE)).toBeNull();
    expect(form(302, `${HOSTED}/mfa-setup`, PAGE)).toBeNull();
  });

  it('reads only a six-digit UserCode', () => {
    expect(readUserCode('{"UserCode":"012345"}')).toBe('012345');
    for (const text of ['{"UserCode":"12345"}', '{"UserCode":123456}', 'nope', undefined]) {
      expect(readUserCode(text)).toBeNull();
    }
  });

  it('a failed request, or one forgotten among many, proves nothing', () => {
    const watch = createVerifyWatch(release);
    watch.request(apiCall(), body());
    watch.headers('1', TARGET);
    watch.failed('1');
    expect(watch.answered('1', 200)).toBeNull();
    for (let i = 0; i <= MAX_WATCHED_REQUESTS; i++) {
      watch.request(apiCall({ requestId: `r${i}` }), body());
      watch.headers(`r${i}`, TARGET);
    }
    expect(watch.answered('r0', 200)).toBeNull();
    expect(watch.answered(`r${MAX_WATCHED_REQUESTS}`, 200)).toMatchObject({ accepted: true });
  });
});
