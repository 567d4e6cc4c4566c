import {
  validateAssociateSoftwareTokenRequest,
  validateVerifySoftwareTokenRequest,
} from './validate-requests';
import type { Violation } from './violation';

const SESSION = 'AYABeBcD'.repeat(8); // 64 characters
const TOKEN = 'eyJraWQiOiJhYmMifQ.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl-_=';

const rules = (violations: Violation[]) => violations.map((v) => `${v.field}:${v.rule}`);

describe('validateVerifySoftwareTokenRequest', () => {
  it('accepts a request with an access token', () => {
    expect(validateVerifySoftwareTokenRequest({ AccessToken: TOKEN, UserCode: '123456' })).toEqual(
      [],
    );
  });

  it('accepts a request with a session and a friendly device name', () => {
    expect(
      validateVerifySoftwareTokenRequest({
        Session: SESSION,
        UserCode: '000000',
        FriendlyDeviceName: 'Keyfob on Firefox',
      }),
    ).toEqual([]);
  });

  it('ignores members the seed does not define', () => {
    expect(
      validateVerifySoftwareTokenRequest({ AccessToken: TOKEN, UserCode: '123456', Extra: 1 }),
    ).toEqual([]);
  });

  it('requires UserCode', () => {
    expect(rules(validateVerifySoftwareTokenRequest({ AccessToken: TOKEN }))).toEqual([
      'UserCode:required',
    ]);
  });

  it('treats a JSON null member as not set, as AWS JSON services do', () => {
    expect(
      rules(validateVerifySoftwareTokenRequest({ AccessToken: TOKEN, UserCode: null })),
    ).toEqual(['UserCode:required']);
    expect(
      validateVerifySoftwareTokenRequest({
        AccessToken: TOKEN,
        Session: null,
        FriendlyDeviceName: null,
        UserCode: '123456',
      }),
    ).toEqual([]);
  });

  it.each([
    ['12345', ['UserCode:length']],
    ['1234567', ['UserCode:length']],
    ['12345a', ['UserCode:pattern']],
    ['123 45', ['UserCode:pattern']],
    ['12 3456', ['UserCode:length', 'UserCode:pattern']],
    ['', ['UserCode:length', 'UserCode:pattern']],
    ['１２３４５６', ['UserCode:pattern']], // full-width digits are not [0-9]
    ['١٢٣٤٥٦', ['UserCode:pattern']], // Arabic-Indic digits neither
  ])('checks UserCode %j against length 6 and [0-9]+', (code, expected) => {
    expect(
      rules(validateVerifySoftwareTokenRequest({ AccessToken: TOKEN, UserCode: code })),
    ).toEqual(expected);
  });

  it('counts characters, not UTF-16 units', () => {
    // Six astral characters are 12 UTF-16 units but 6 characters: only the pattern fails.
    expect(
      rules(validateVerifySoftwareTokenRequest({ AccessToken: TOKEN, UserCode: '😀😀😀😀😀😀' })),
    ).toEqual(['UserCode:pattern']);
  });

  it.each([
    [19, ['Session:length']],
    [20, []],
    [2048, []],
    [2049, ['Session:length']],
  ])('bounds Session at 20–2048 characters (length %i)', (length, expected) => {
    expect(
      rules(
        validateVerifySoftwareTokenRequest({ Session: 'a'.repeat(length), UserCode: '123456' }),
      ),
    ).toEqual(expected);
  });

  it.each(['abc def', 'abc+def', 'abc/def', 'a\nb', ''])(
    'checks AccessToken %j against [A-Za-z0-9-_=.]+',
    (token) => {
      expect(
        rules(validateVerifySoftwareTokenRequest({ AccessToken: token, UserCode: '123456' })),
      ).toEqual(['AccessToken:pattern']);
    },
  );

  it('refuses an access token and a session together', () => {
    expect(
      rules(
        validateVerifySoftwareTokenRequest({
          AccessToken: TOKEN,
          Session: SESSION,
          UserCode: '123456',
        }),
      ),
    ).toEqual(['AccessToken|Session:exclusive']);
  });

  it('refuses a request with neither', () => {
    expect(rules(validateVerifySoftwareTokenRequest({ UserCode: '123456' }))).toEqual([
      'AccessToken|Session:missing-credential',
    ]);
  });

  it('reports wrong types without checking their length or pattern', () => {
    expect(
      rules(
        validateVerifySoftwareTokenRequest({
          UserCode: 123456,
          AccessToken: ['x'],
          FriendlyDeviceName: { name: 'x' },
        }),
      ),
    ).toEqual(['UserCode:type', 'AccessToken:type', 'FriendlyDeviceName:type']);
    expect(
      rules(validateVerifySoftwareTokenRequest({ UserCode: '123456', Session: 1234 })),
    ).toEqual(['Session:type']);
  });

  it('reports every violation at once', () => {
    expect(
      rules(
        validateVerifySoftwareTokenRequest({
          UserCode: '12a',
          AccessToken: 'bad token',
          Session: 'short',
          FriendlyDeviceName: false,
        }),
      ),
    ).toEqual([
      'UserCode:length',
      'UserCode:pattern',
      'AccessToken:pattern',
      'Session:length',
      'FriendlyDeviceName:type',
      'AccessToken|Session:exclusive',
    ]);
  });

  it.each([null, undefined, 'string', 42, [], [{ UserCode: '123456' }]])(
    'reports a body that is not an object (%j)',
    (body) => {
      expect(rules(validateVerifySoftwareTokenRequest(body))).toEqual(['(body):type']);
    },
  );

  it('reads only own data members', () => {
    const inherited = Object.create({ UserCode: '123456', AccessToken: TOKEN }) as object;
    expect(rules(validateVerifySoftwareTokenRequest(inherited))).toEqual([
      'UserCode:required',
      'AccessToken|Session:missing-credential',
    ]);
    const polluted = JSON.parse('{"__proto__": {"UserCode": "123456"}, "AccessToken": "abc"}');
    expect(rules(validateVerifySoftwareTokenRequest(polluted))).toEqual(['UserCode:required']);
  });

  it('does not run getters or trust proxies', () => {
    let ran = false;
    const withGetter = {
      AccessToken: TOKEN,
      get UserCode() {
        ran = true;
        return '123456';
      },
    };
    expect(rules(validateVerifySoftwareTokenRequest(withGetter))).toEqual(['UserCode:type']);
    expect(ran).toBe(false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(rules(validateVerifySoftwareTokenRequest(proxy))).toEqual(['(body):type']);
  });

  it('never quotes a value in its messages', () => {
    const secretish = 'SECRETTOKEN_value with spaces';
    const violations = validateVerifySoftwareTokenRequest({
      AccessToken: secretish,
      Session: 'x'.repeat(3000),
      UserCode: '98765x',
    });
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(v.message).not.toContain('SECRETTOKEN');
      expect(v.message).not.toContain('98765');
      expect(v.message).not.toContain('xxxx');
    }
  });

  it('handles a 10 MB session quickly', () => {
    const started = Date.now();
    expect(
      rules(
        validateVerifySoftwareTokenRequest({
          Session: 'a'.repeat(10 * 1024 * 1024),
          UserCode: '123456',
        }),
      ),
    ).toEqual(['Session:length']);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('validateAssociateSoftwareTokenRequest', () => {
  it('accepts an access token or a session', () => {
    expect(validateAssociateSoftwareTokenRequest({ AccessToken: TOKEN })).toEqual([]);
    expect(validateAssociateSoftwareTokenRequest({ Session: SESSION })).toEqual([]);
  });

  it('wants exactly one of them', () => {
    expect(rules(validateAssociateSoftwareTokenRequest({}))).toEqual([
      'AccessToken|Session:missing-credential',
    ]);
    expect(
      rules(validateAssociateSoftwareTokenRequest({ AccessToken: TOKEN, Session: SESSION })),
    ).toEqual(['AccessToken|Session:exclusive']);
  });

  it('applies the token and session rules', () => {
    expect(rules(validateAssociateSoftwareTokenRequest({ AccessToken: 'a b' }))).toEqual([
      'AccessToken:pattern',
    ]);
    expect(rules(validateAssociateSoftwareTokenRequest({ Session: 'too short' }))).toEqual([
      'Session:length',
    ]);
    expect(rules(validateAssociateSoftwareTokenRequest({ Session: 7 }))).toEqual(['Session:type']);
  });

  it('reports a body that is not an object', () => {
    expect(rules(validateAssociateSoftwareTokenRequest('{}'))).toEqual(['(body):type']);
  });
});
