import { bareErrorName, parseCognitoError } from './parse-error';

const json = (body: unknown) => JSON.stringify(body);

function value<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error('expected success');
  return result.value;
}

describe('bareErrorName', () => {
  it.each([
    ['CodeMismatchException', 'CodeMismatchException'],
    ['com.amazonaws.cognito.identity.idp.model#CodeMismatchException', 'CodeMismatchException'],
    [
      'CodeMismatchException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/',
      'CodeMismatchException',
    ],
    [
      'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException:http://internal.amazon.com/coral/x#y',
      'NotAuthorizedException',
    ],
    ['TooManyRequestsException,Other', 'TooManyRequestsException'],
    ['  UserNotFoundException  ', 'UserNotFoundException'],
  ])('reads %j as %s', (raw, name) => {
    expect(bareErrorName(raw)).toBe(name);
  });

  it.each([undefined, 42, '', '#', ':x', 'not a name', '<script>', 'x'.repeat(3000)])(
    'finds no name in %j',
    (raw) => {
      expect(bareErrorName(raw)).toBeUndefined();
    },
  );
});

describe('parseCognitoError', () => {
  it('reads __type and message from the body', () => {
    expect(
      value(
        parseCognitoError({
          status: 400,
          bodyText: json({
            __type: 'CodeMismatchException',
            message: 'Invalid code received for user',
          }),
        }),
      ),
    ).toEqual({
      name: 'CodeMismatchException',
      status: 400,
      message: 'Invalid code received for user',
      source: 'body',
      conflicting: false,
    });
  });

  it('reads a namespaced __type and a capitalised Message', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        bodyText: json({
          __type: 'com.amazonaws.cognito.identity.idp.model#EnableSoftwareTokenMFAException',
          Message: 'Code mismatch',
        }),
      }),
    );
    expect(error.name).toBe('EnableSoftwareTokenMFAException');
    expect(error.message).toBe('Code mismatch');
  });

  it('reads the x-amzn-ErrorType header alone, with its :url suffix', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        headers: {
          'x-amzn-ErrorType':
            'NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/',
        },
        bodyText: '',
      }),
    );
    expect(error).toMatchObject({
      name: 'NotAuthorizedException',
      source: 'header',
      conflicting: false,
    });
    expect(error.message).toBeUndefined();
  });

  it('agrees when header and body name the same error', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        headers: new Headers({ 'X-Amzn-ErrorType': 'CodeMismatchException' }),
        bodyText: json({
          __type: 'com.amazonaws.cognito.identity.idp.model#CodeMismatchException',
        }),
      }),
    );
    expect(error).toMatchObject({
      name: 'CodeMismatchException',
      source: 'header',
      conflicting: false,
    });
  });

  it('lets the header win when they disagree, as the page’s own SDK does, and says so', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
        bodyText: json({ __type: 'CodeMismatchException', message: 'm' }),
      }),
    );
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      source: 'header',
      conflicting: true,
    });
  });

  it('falls back to the body when the header holds no usable name', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        headers: { 'x-amzn-errortype': '<<garbage>>' },
        bodyText: json({ __type: 'UserNotFoundException' }),
      }),
    );
    expect(error).toMatchObject({ name: 'UserNotFoundException', source: 'body' });
  });

  it('prefers the body code member over __type, in the SDK’s order', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        bodyText: json({ code: 'UserNotFoundException', __type: 'X' }),
      }),
    );
    expect(error.name).toBe('UserNotFoundException');
  });

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['an empty body', ''],
    ['an array', '[{"__type":"CodeMismatchException"}]'],
    ['a non-string __type', json({ __type: { name: 'CodeMismatchException' } })],
    [
      '10 MB of JSON',
      json({ __type: 'CodeMismatchException', message: 'x'.repeat(10 * 1024 * 1024) }),
    ],
    ['no body at all', undefined],
  ])('names %s UnknownError', (_, bodyText) => {
    expect(value(parseCognitoError({ status: 502, bodyText }))).toMatchObject({
      name: 'UnknownError',
      status: 502,
      source: 'none',
    });
  });

  it('is not fooled by __proto__ in the body', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        bodyText: '{"__proto__":{"__type":"CodeMismatchException"}}',
      }),
    );
    expect(error.name).toBe('UnknownError');
  });

  it('shortens long messages and strips control characters', () => {
    const error = value(
      parseCognitoError({
        status: 400,
        bodyText: json({
          __type: 'InvalidParameterException',
          message: `a\u0000b\nc${'d'.repeat(2000)}`,
        }),
      }),
    );
    expect(error.message?.startsWith('a b c')).toBe(true);
    expect(error.message?.length).toBeLessThanOrEqual(501);
  });

  it('refuses success responses and impossible statuses', () => {
    expect(
      parseCognitoError({ status: 200, bodyText: json({ __type: 'CodeMismatchException' }) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'cognito-not-an-error' },
    });
    for (const status of [undefined, '400', 99, 600, 400.5, NaN]) {
      expect(parseCognitoError({ status, bodyText: '{}' })).toMatchObject({
        ok: false,
        error: { code: 'cognito-invalid-response' },
      });
    }
  });

  it('reads the 500 of InternalErrorException', () => {
    expect(
      value(
        parseCognitoError({ status: 500, bodyText: json({ __type: 'InternalErrorException' }) }),
      ),
    ).toMatchObject({ name: 'InternalErrorException', status: 500 });
  });
});
