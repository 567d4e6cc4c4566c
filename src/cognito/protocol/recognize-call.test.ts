import { readHeader } from './headers';
import { recognizeCognitoCall } from './recognize-call';

const verifyHeaders = {
  'Content-Type': 'application/x-amz-json-1.1',
  'X-Amz-Target': 'AWSCognitoIdentityProviderService.VerifySoftwareToken',
};
const body = JSON.stringify({ AccessToken: 'abc', UserCode: '123456' });

describe('recognizeCognitoCall', () => {
  it('names the operation from X-Amz-Target, whatever the host', () => {
    expect(recognizeCognitoCall({ headers: verifyHeaders, body })).toBe('VerifySoftwareToken');
    expect(
      recognizeCognitoCall({
        headers: {
          ...verifyHeaders,
          'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: '{}',
      }),
    ).toBe('InitiateAuth');
  });

  it('matches header names in any case, and in every shape a page passes them', () => {
    const lower = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.AssociateSoftwareToken',
    };
    expect(recognizeCognitoCall({ headers: lower, body: '{"Session":"x"}' })).toBe(
      'AssociateSoftwareToken',
    );
    expect(recognizeCognitoCall({ headers: Object.entries(verifyHeaders), body })).toBe(
      'VerifySoftwareToken',
    );
    expect(recognizeCognitoCall({ headers: new Headers(verifyHeaders), body })).toBe(
      'VerifySoftwareToken',
    );
    expect(
      recognizeCognitoCall({
        headers: {
          'CONTENT-TYPE': ['application/x-amz-json-1.1'],
          'X-AMZ-TARGET': verifyHeaders['X-Amz-Target'],
        },
        body,
      }),
    ).toBe('VerifySoftwareToken');
  });

  it('tolerates content-type parameters and case', () => {
    for (const contentType of [
      'application/x-amz-json-1.1; charset=UTF-8',
      'Application/X-Amz-Json-1.1',
      ' application/x-amz-json-1.1 ;charset=utf-8',
    ]) {
      expect(
        recognizeCognitoCall({ headers: { ...verifyHeaders, 'Content-Type': contentType }, body }),
      ).toBe('VerifySoftwareToken');
    }
  });

  it('reads UTF-8 byte bodies', () => {
    expect(
      recognizeCognitoCall({ headers: verifyHeaders, body: new TextEncoder().encode(body) }),
    ).toBe('VerifySoftwareToken');
    expect(
      recognizeCognitoCall({ headers: verifyHeaders, body: new TextEncoder().encode(body).buffer }),
    ).toBe('VerifySoftwareToken');
    expect(
      recognizeCognitoCall({ headers: verifyHeaders, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
    ).toBeNull();
  });

  it.each([
    ['no target', { 'Content-Type': 'application/x-amz-json-1.1' }],
    ['another service', { ...verifyHeaders, 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' }],
    [
      'a lower-case prefix',
      { ...verifyHeaders, 'X-Amz-Target': 'awscognitoidentityproviderservice.VerifySoftwareToken' },
    ],
    ['no operation', { ...verifyHeaders, 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' }],
    [
      'a junk operation',
      { ...verifyHeaders, 'X-Amz-Target': 'AWSCognitoIdentityProviderService.Verify/../x' },
    ],
    ['JSON 1.0', { ...verifyHeaders, 'Content-Type': 'application/x-amz-json-1.0' }],
    ['plain JSON', { ...verifyHeaders, 'Content-Type': 'application/json' }],
    ['no content type', { 'X-Amz-Target': verifyHeaders['X-Amz-Target'] }],
  ])('is null with %s', (_, headers) => {
    expect(recognizeCognitoCall({ headers, body })).toBeNull();
  });

  it('is null when the target is given twice with different values', () => {
    expect(
      recognizeCognitoCall({
        headers: {
          ...verifyHeaders,
          'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body,
      }),
    ).toBeNull();
    expect(
      recognizeCognitoCall({
        headers: [
          ...Object.entries(verifyHeaders),
          ['x-amz-target', 'AWSCognitoIdentityProviderService.SignUp'],
        ],
        body,
      }),
    ).toBeNull();
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['non-JSON', 'UserCode=123456'],
    ['a JSON array', '[{"UserCode":"123456"}]'],
    ['a JSON string', '"{}"'],
    ['JSON null', 'null'],
    ['FormData-like objects', { UserCode: '123456' }],
    ['an oversized body', `{"Session":"${'a'.repeat(10 * 1024 * 1024)}"}`],
  ])('is null with %s', (_, hostileBody) => {
    expect(recognizeCognitoCall({ headers: verifyHeaders, body: hostileBody })).toBeNull();
  });

  it('never throws on hostile header objects', () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(recognizeCognitoCall({ headers: throwing, body })).toBeNull();
    expect(
      recognizeCognitoCall({
        headers: {
          get: () => {
            throw new Error('boom');
          },
        },
        body,
      }),
    ).toBeNull();
    expect(recognizeCognitoCall({ headers: 'X-Amz-Target: x', body })).toBeNull();
    expect(recognizeCognitoCall({ headers: null, body })).toBeNull();
    expect(recognizeCognitoCall({ headers: [[1, 2], 'x', null], body })).toBeNull();
  });
});

describe('readHeader', () => {
  it('refuses over-long values', () => {
    expect(readHeader({ 'x-amz-target': 'x'.repeat(5000) }, 'X-Amz-Target')).toBeUndefined();
  });

  it('accepts a header repeated with the same value', () => {
    expect(
      readHeader(
        [
          ['A', 'v'],
          ['a', 'v '],
        ],
        'a',
      ),
    ).toBe('v');
  });
});
