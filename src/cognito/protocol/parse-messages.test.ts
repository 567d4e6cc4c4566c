import {
  parseAssociateSoftwareTokenRequest,
  parseVerifySoftwareTokenRequest,
} from './parse-requests';
import {
  parseAssociateSoftwareTokenResponse,
  parseVerifySoftwareTokenResponse,
} from './parse-responses';
import { normaliseSecretCode } from './secret-code';

const SESSION = 'AYABeBcD'.repeat(8);
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function failure<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): E {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('parseVerifySoftwareTokenRequest', () => {
  it('returns the wire members, and only those', () => {
    const result = parseVerifySoftwareTokenRequest(
      JSON.stringify({
        Session: SESSION,
        UserCode: '123456',
        FriendlyDeviceName: 'Laptop',
        Other: 1,
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: { Session: SESSION, UserCode: '123456', FriendlyDeviceName: 'Laptop' },
    });
  });

  it('carries every violation when the service would refuse the body', () => {
    const error = failure(parseVerifySoftwareTokenRequest('{"UserCode":"12"}'));
    expect(error.code).toBe('cognito-invalid-request');
    expect(error.violations.map((v) => v.rule)).toEqual(['length', 'missing-credential']);
  });

  it.each([
    ['malformed JSON', '{"UserCode":', 'cognito-malformed-json'],
    ['an array', '[]', 'cognito-not-object'],
    ['a number', '42', 'cognito-not-object'],
    ['a non-text body', 42, 'cognito-malformed-json'],
    ['10 MB', `{"UserCode":"${'1'.repeat(10 * 1024 * 1024)}"}`, 'cognito-body-too-large'],
  ])('turns %s into an error, not an exception', (_, body, code) => {
    expect(failure(parseVerifySoftwareTokenRequest(body)).code).toBe(code);
  });

  it('caps byte bodies before decoding them', () => {
    const bytes = new TextEncoder().encode(`{"UserCode":"${'1'.repeat(300 * 1024)}"}`);
    expect(failure(parseVerifySoftwareTokenRequest(bytes)).code).toBe('cognito-body-too-large');
    expect(failure(parseVerifySoftwareTokenRequest(new Uint8Array([0xc3]))).code).toBe(
      'cognito-malformed-json',
    );
  });

  it('survives deep nesting', () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = parseVerifySoftwareTokenRequest(deep);
    expect(result.ok).toBe(false);
  });

  it('is not fooled by __proto__ keys and does not pollute prototypes', () => {
    const result = parseVerifySoftwareTokenRequest(
      '{"__proto__":{"polluted":true,"UserCode":"000000"},"constructor":{"prototype":{"polluted":true}},"AccessToken":"abc","UserCode":"123456"}',
    );
    expect(result).toEqual({ ok: true, value: { AccessToken: 'abc', UserCode: '123456' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  it('never puts the body into its error text', () => {
    const error = failure(parseVerifySoftwareTokenRequest('{"AccessToken":"SEKRIT TOKEN"'));
    expect(error.message).not.toContain('SEKRIT');
  });
});

describe('parseAssociateSoftwareTokenRequest', () => {
  it('returns the credential', () => {
    expect(parseAssociateSoftwareTokenRequest(`{"Session":"${SESSION}"}`)).toEqual({
      ok: true,
      value: { Session: SESSION },
    });
  });

  it('refuses a body with both credentials', () => {
    const error = failure(
      parseAssociateSoftwareTokenRequest(JSON.stringify({ Session: SESSION, AccessToken: 'a' })),
    );
    expect(error.violations.map((v) => v.rule)).toEqual(['exclusive']);
  });
});

describe('parseAssociateSoftwareTokenResponse', () => {
  it('returns the secret, normalised, and the session', () => {
    expect(
      parseAssociateSoftwareTokenResponse(JSON.stringify({ SecretCode: SECRET, Session: SESSION })),
    ).toEqual({ ok: true, value: { SecretCode: SECRET, Session: SESSION } });
    expect(parseAssociateSoftwareTokenResponse(`{"SecretCode":"${SECRET.toLowerCase()}"}`)).toEqual(
      {
        ok: true,
        value: { SecretCode: SECRET },
      },
    );
  });

  it.each([
    ['missing', {}, 'required'],
    ['not a string', { SecretCode: 12 }, 'type'],
    ['too short', { SecretCode: 'JBSWY3DPEHPK3PX' }, 'pattern'],
    ['not base32', { SecretCode: 'JBSWY3DPEHPK3PX0' }, 'pattern'],
    ['spaced', { SecretCode: 'JBSW Y3DP EHPK 3PXP' }, 'pattern'],
    ['an impossible length', { SecretCode: 'JBSWY3DPEHPK3PXPJ' }, 'pattern'],
  ])('refuses a SecretCode that is %s', (_, body, rule) => {
    const error = failure(parseAssociateSoftwareTokenResponse(JSON.stringify(body)));
    expect(error.code).toBe('cognito-invalid-response');
    expect(error.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([`SecretCode:${rule}`]);
    expect(error.message).not.toContain('JBSW');
  });

  it('refuses a session outside 20–2048 characters', () => {
    const error = failure(
      parseAssociateSoftwareTokenResponse(JSON.stringify({ SecretCode: SECRET, Session: 'short' })),
    );
    expect(error.violations.map((v) => v.field)).toEqual(['Session']);
  });
});

describe('parseVerifySoftwareTokenResponse', () => {
  it.each(['SUCCESS', 'ERROR'])('reads Status %s', (status) => {
    expect(parseVerifySoftwareTokenResponse(`{"Status":"${status}"}`)).toEqual({
      ok: true,
      value: { Status: status },
    });
  });

  it('keeps a valid session', () => {
    expect(parseVerifySoftwareTokenResponse(`{"Status":"SUCCESS","Session":"${SESSION}"}`)).toEqual(
      {
        ok: true,
        value: { Status: 'SUCCESS', Session: SESSION },
      },
    );
  });

  it.each([
    ['missing', '{}', 'Status:required'],
    ['lower case', '{"Status":"success"}', 'Status:enum'],
    ['not a string', '{"Status":true}', 'Status:type'],
  ])('refuses a Status that is %s', (_, body, violation) => {
    const error = failure(parseVerifySoftwareTokenResponse(body));
    expect(error.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([violation]);
  });

  it('refuses an error body', () => {
    const error = failure(
      parseVerifySoftwareTokenResponse('{"__type":"CodeMismatchException","message":"no"}'),
    );
    expect(error.code).toBe('cognito-invalid-response');
  });
});

describe('normaliseSecretCode', () => {
  it('upper-cases and strips padding', () => {
    expect(normaliseSecretCode('jbswy3dpehpk3pxp')).toBe('JBSWY3DPEHPK3PXP');
    expect(normaliseSecretCode('JBSWY3DPEHPK3PXPJBSWY3DPEE======')).toBe(
      'JBSWY3DPEHPK3PXPJBSWY3DPEE',
    );
  });

  it('refuses what is not a base32 secret of at least 16 characters', () => {
    for (const bad of [
      undefined,
      7,
      '',
      'JBSWY3DPEHPK3PX',
      'JBSWY3DP-EHPK3PXP',
      'A'.repeat(513),
      'JBSWY3DPEHPK3PX=P',
    ]) {
      expect(normaliseSecretCode(bad)).toBeUndefined();
    }
  });
});
