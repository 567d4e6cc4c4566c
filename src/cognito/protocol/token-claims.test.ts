import { parseTokenClaims } from './token-claims';

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2ln`;

describe('parseTokenClaims', () => {
  it('reads an access token', () => {
    const token = jwt({
      sub: 'aaaa-bbbb',
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      client_id: '1example23456789',
      token_use: 'access',
      username: 'alice@example.com',
    });
    expect(parseTokenClaims(token)).toEqual({ username: 'alice@example.com' });
  });

  it('reads an ID token', () => {
    const token = jwt({
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_XyZ',
      aud: 'clientabc',
      'cognito:username': 'bob',
      token_use: 'id',
    });
    expect(parseTokenClaims(token)).toEqual({ username: 'bob' });
  });

  it('handles non-ASCII usernames', () => {
    expect(parseTokenClaims(jwt({ username: 'zoë' }))).toEqual({ username: 'zoë' });
  });

  it('never returns the token or other claims', () => {
    const token = jwt({ username: 'carol', secret: 'S', sub: 'x', 'custom:key': 'k' });
    const claims = parseTokenClaims(token);
    expect(claims).toEqual({ username: 'carol' });
    expect(JSON.stringify(claims)).not.toContain(token);
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['a session string', 'AYABeBcDAYABeBcDAYABeBcD'],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['bad base64', 'a.!!!.c'],
    ['an impossible base64 length', 'a.abcde.c'],
    ['non-JSON payload', `a.${b64url('not json')}.c`],
    ['an array payload', `a.${b64url([1, 2])}.c`],
    ['invalid UTF-8', `a.${Buffer.from([0xff, 0xfe]).toString('base64url')}.c`],
    ['a 10 MB token', `a.${'A'.repeat(10 * 1024 * 1024)}.c`],
  ])('returns nothing for %s', (_, token) => {
    expect(parseTokenClaims(token)).toEqual({});
  });

  it('drops claims of the wrong shape', () => {
    expect(
      parseTokenClaims(
        jwt({
          username: 'a\u0000b',
          iss: 'not a url',
          client_id: 'has spaces in it',
          aud: ['one', 'two'],
        }),
      ),
    ).toEqual({});
    expect(
      parseTokenClaims(jwt({ username: 'x'.repeat(129), iss: 'https://x/y/notapool' })),
    ).toEqual({});
    expect(parseTokenClaims(jwt({ username: 5, 'cognito:username': 'fallback' }))).toEqual({
      username: 'fallback',
    });
  });

  it('is not fooled by __proto__', () => {
    const token = `a.${b64url('{"__proto__":{"username":"mallory"}}')}.c`;
    expect(parseTokenClaims(token)).toEqual({});
  });
});
