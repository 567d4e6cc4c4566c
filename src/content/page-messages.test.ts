// @vitest-environment happy-dom
import { readContentConfig, readObserverMessage } from './page-messages';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('observer messages as the content script reads them', () => {
  it('accepts exactly the documented shapes, copied field by field', () => {
    const associate = {
      __keyfob: 'observer',
      type: 'associate',
      secret: SECRET,
      account: 'alice',
    };
    expect(readObserverMessage(associate)).toEqual(associate);
    expect(readObserverMessage(associate)).not.toBe(associate);
    expect(readObserverMessage({ __keyfob: 'observer', type: 'activity' })).toEqual({
      __keyfob: 'observer',
      type: 'activity',
    });
    for (const outcome of [
      { kind: 'status', status: 'SUCCESS' },
      { kind: 'status', status: 'ERROR' },
      { kind: 'error', errorName: 'CodeMismatchException' },
    ]) {
      expect(readObserverMessage({ __keyfob: 'observer', type: 'verify', outcome })).toEqual({
        __keyfob: 'observer',
        type: 'verify',
        outcome,
      });
    }
  });

  it.each([
    ['not an object', 'associate'],
    ['an array', [{ __keyfob: 'observer', type: 'activity' }]],
    // The observer says nothing when installed: a hello would tell the page Keyfob is there.
    ['a hello', { __keyfob: 'observer', type: 'ready' }],
    ['null', null],
    ['another namespace', { __keyfob: 'content', type: 'activity' }],
    ['an unknown type', { __keyfob: 'observer', type: 'fill', code: '123456' }],
    ['an extra key', { __keyfob: 'observer', type: 'activity', extra: true }],
    [
      'an activity cue with data',
      { __keyfob: 'observer', type: 'activity', secret: 'JBSWY3DPEHPK3PXP' },
    ],
    [
      'a lower-case secret',
      { __keyfob: 'observer', type: 'associate', secret: SECRET.toLowerCase() },
    ],
    ['a short secret', { __keyfob: 'observer', type: 'associate', secret: 'JBSWY3DP' }],
    ['an overlong secret', { __keyfob: 'observer', type: 'associate', secret: 'A'.repeat(513) }],
    ['a secret that is not a string', { __keyfob: 'observer', type: 'associate', secret: 7 }],
    [
      'an account with control characters',
      { __keyfob: 'observer', type: 'associate', secret: SECRET, account: 'a\u0000b' },
    ],
    [
      'an overlong account',
      { __keyfob: 'observer', type: 'associate', secret: SECRET, account: 'a'.repeat(129) },
    ],
    [
      'a user pool id (no part of the message)',
      { __keyfob: 'observer', type: 'associate', secret: SECRET, userPoolId: 'us-east-1_AbC123' },
    ],
    [
      'a token smuggled alongside',
      { __keyfob: 'observer', type: 'associate', secret: SECRET, accessToken: 'eyJ…' },
    ],
    [
      'an unknown status',
      { __keyfob: 'observer', type: 'verify', outcome: { kind: 'status', status: 'OK' } },
    ],
    [
      'an error name with markup',
      { __keyfob: 'observer', type: 'verify', outcome: { kind: 'error', errorName: '<b>x</b>' } },
    ],
    [
      'an outcome with an extra key',
      {
        __keyfob: 'observer',
        type: 'verify',
        outcome: { kind: 'status', status: 'SUCCESS', code: '123456' },
      },
    ],
    [
      'a left-setup outcome',
      { __keyfob: 'observer', type: 'verify', outcome: { kind: 'left-setup' } },
    ],
  ])('refuses %s', (_label, data) => {
    expect(readObserverMessage(data)).toBeNull();
  });
});

describe('config messages as the observer reads them', () => {
  it('accepts a clean device name or an empty one', () => {
    const config = { __keyfob: 'content', type: 'config', deviceName: 'Keyfob on Firefox' };
    expect(readContentConfig(config)).toEqual(config);
    expect(readContentConfig({ ...config, deviceName: '' })).toEqual({ ...config, deviceName: '' });
  });

  it.each([
    ['an overlong name', { __keyfob: 'content', type: 'config', deviceName: 'x'.repeat(65) }],
    ['a name with a newline', { __keyfob: 'content', type: 'config', deviceName: 'a\nb' }],
    ['a name that is not a string', { __keyfob: 'content', type: 'config', deviceName: 1 }],
    ['an extra key', { __keyfob: 'content', type: 'config', deviceName: 'a', code: '1' }],
    ['the observer namespace', { __keyfob: 'observer', type: 'config', deviceName: 'a' }],
  ])('refuses %s', (_label, data) => {
    expect(readContentConfig(data)).toBeNull();
  });
});
