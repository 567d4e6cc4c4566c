import {
  createVerifyWatch,
  isCognitoApiUrl,
  isCognitoHostedUrl,
  MAX_WATCHED_PER_TAB,
  MAX_WATCHED_REQUESTS,
  readUserCode,
  type RequestEvent,
  type VerifySubmission,
  type VerifyWatchEvents,
  type VerifyWatchOptions,
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

type Report = { kind: keyof VerifyWatchEvents; of: VerifySubmission };

/** A watch that keeps what it reports, in order. */
function recordingWatch(options: VerifyWatchOptions = release) {
  const reports: Report[] = [];
  const watch = createVerifyWatch(options, {
    submitted: (of) => reports.push({ kind: 'submitted', of }),
    evidence: (of) => reports.push({ kind: 'evidence', of }),
    released: (of) => reports.push({ kind: 'released', of }),
  });
  const evidence = () => reports.find((r) => r.kind === 'evidence')?.of ?? null;
  return { watch, reports, evidence };
}

function verify(
  status: number,
  event = apiCall(),
  headers = TARGET,
  options = release,
  errorType = 'EnableSoftwareTokenMFAException:',
) {
  const { watch, evidence } = recordingWatch(options);
  watch.request(event, body());
  watch.headers(event.requestId, headers);
  watch.answered(event.requestId, status, errorType);
  return evidence();
}

describe('verify evidence', () => {
  it('a 200 answer from Cognito’s API to VerifySoftwareToken is acceptance; 400 a refusal', () => {
    expect(verify(200)).toEqual({
      requestId: '1',
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
      const { watch, evidence } = recordingWatch();
      const event = apiCall({ type: 'main_frame', url, initiator });
      watch.request(event, { formData: { totpCode: [' 654321 '], deviceName: ['Keyfob'] } });
      watch.answered(event.requestId, status);
      return evidence();
    };
    expect(form(302)).toEqual({
      requestId: '1',
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

  it('a failed request, or one forgotten among many, proves nothing and releases its code', () => {
    const { watch, reports } = recordingWatch();
    watch.request(apiCall(), body());
    watch.headers('1', TARGET);
    watch.failed('1');
    watch.answered('1', 200);
    expect(reports.map((r) => r.kind)).toEqual(['submitted', 'released']);
    expect(reports[1]!.of).toEqual(reports[0]!.of);
    reports.length = 0;
    // Each from a tab of its own: the watch remembers this many in all.
    for (let i = 0; i <= MAX_WATCHED_REQUESTS; i++) {
      watch.request(apiCall({ requestId: `r${i}`, tabId: 100 + i }), body());
      watch.headers(`r${i}`, TARGET);
    }
    watch.answered('r0', 200);
    watch.answered(`r${MAX_WATCHED_REQUESTS}`, 200);
    expect(reports.filter((r) => r.kind !== 'submitted')).toEqual([
      { kind: 'released', of: expect.objectContaining({ requestId: 'r0' }) },
      {
        kind: 'evidence',
        of: expect.objectContaining({ requestId: `r${MAX_WATCHED_REQUESTS}`, accepted: true }),
      },
    ]);
  });

  it('a page that floods the watch lets go of its own requests, never of another tab’s', () => {
    const { watch, reports } = recordingWatch();
    // The setup tab sends its code; pages in other tabs then send UserCode bodies by the dozen.
    watch.request(apiCall({ requestId: 'setup', tabId: 1 }), body('654321'));
    watch.headers('setup', TARGET);
    for (let i = 0; i < 3 * MAX_WATCHED_REQUESTS; i++) {
      const tabId = 10 + (i % 10);
      watch.request(
        apiCall({ requestId: `flood${i}`, tabId, initiator: 'https://evil.example' }),
        body(),
      );
      watch.headers(`flood${i}`, TARGET);
    }
    expect(
      new Set(reports.filter((r) => r.kind === 'released').map((r) => r.of.tabId)),
    ).not.toContain(1);
    // The site's refusal still reaches enrollment, as evidence about the code the tab sent.
    watch.answered('setup', 400, 'CodeMismatchException:');
    expect(reports.at(-1)).toEqual({
      kind: 'evidence',
      of: expect.objectContaining({ requestId: 'setup', codes: ['654321'], accepted: false }),
    });
    // A tab's own flood lets go of its oldest first.
    const { watch: own, reports: ownReports } = recordingWatch();
    for (let i = 0; i <= MAX_WATCHED_PER_TAB; i++) {
      own.request(apiCall({ requestId: `own${i}` }), body());
      own.headers(`own${i}`, TARGET);
    }
    expect(ownReports.filter((r) => r.kind === 'released').map((r) => r.of.requestId)).toEqual([
      'own0',
    ]);
  });

  it('reports the codes as they leave: a hosted form at once, an API call once it names VerifySoftwareToken', () => {
    const { watch, reports } = recordingWatch();
    const event = apiCall({
      requestId: 'f',
      type: 'main_frame',
      url: `${HOSTED}/mfa`,
      initiator: HOSTED,
    });
    watch.request(event, { formData: { totpCode: ['654321'] } });
    expect(reports).toEqual([
      {
        kind: 'submitted',
        of: { requestId: 'f', tabId: 4, origin: HOSTED, codes: ['654321'], via: 'hosted-form' },
      },
    ]);
    reports.length = 0;
    watch.request(apiCall({ requestId: 'a' }), body('111111'));
    expect(reports).toEqual([]);
    watch.headers('a', TARGET);
    expect(reports).toEqual([
      {
        kind: 'submitted',
        of: { requestId: 'a', tabId: 4, origin: PAGE, codes: ['111111'], via: 'api' },
      },
    ]);
    // Another operation carries no code to Cognito's setup, and is never reported.
    reports.length = 0;
    watch.request(apiCall({ requestId: 'b' }), body('222222'));
    watch.headers('b', [
      { name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.InitiateAuth' },
    ]);
    watch.answered('b', 400, 'CodeMismatchException:');
    watch.failed('b');
    expect(reports).toEqual([]);
  });

  it('an answer about something else than the code releases it; evidence does not', () => {
    const ends = (status: number, errorType?: string) => {
      const { watch, reports } = recordingWatch();
      watch.request(apiCall(), body());
      watch.headers('1', TARGET);
      watch.answered('1', status, errorType);
      // A request's later events (a redirect's, a failure after the answer) change nothing.
      watch.answered('1', 200);
      watch.failed('1');
      return reports.slice(1).map((r) => r.kind);
    };
    expect(ends(400, 'NotAuthorizedException:')).toEqual(['released']);
    expect(ends(500)).toEqual(['released']);
    expect(ends(400, 'CodeMismatchException:')).toEqual(['evidence']);
    expect(ends(200)).toEqual(['evidence']);
  });
});
