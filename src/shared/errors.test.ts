import { KeyfobError, toErrorInfo, isKeyfobError } from './errors';

describe('toErrorInfo', () => {
  it('keeps the code and message of a KeyfobError', () => {
    expect(
      toErrorInfo(new KeyfobError('wrong-passphrase', 'That passphrase is not right.')),
    ).toEqual({
      code: 'wrong-passphrase',
      message: 'That passphrase is not right.',
    });
  });

  it('never forwards the text of a foreign error, which may hold anything', () => {
    const info = toErrorInfo(new Error('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'));
    expect(info.code).toBe('internal');
    expect(info.message).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('matches codes', () => {
    const e = new KeyfobError('a', 'A');
    expect(isKeyfobError(e, 'a')).toBe(true);
    expect(isKeyfobError(e, 'b')).toBe(false);
    expect(isKeyfobError(new Error('x'))).toBe(false);
  });
});
