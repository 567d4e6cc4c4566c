import { isPlausibleSecret, secretOfOtpauthUri } from './find-secret';

describe('isPlausibleSecret', () => {
  it.each([
    'JBSWY3DPEHPK3PXP', // 16 characters, 80 bits
    'HZ4KQM2XVB7RLT3WNP6DYCFJ5SUEOGA2', // Cognito's 32
    'jbswy3dpehpk3pxp', // lower case, as some apps print it
    'JBSWY3DPEHPK3PXPJBSWY3DPEE====',
  ])('accepts %s', (candidate) => {
    expect(isPlausibleSecret(candidate, false)).toBe(true);
  });

  it.each([
    ['too short', 'JBSWY3DPEHPK3PX'],
    ['an impossible length', 'JBSWY3DPEHPK3PXPJ'],
    ['mixed case', 'JbswY3DPEHPK3PXP'],
    ['hex', 'deadbeefcafe2345deadbeefcafe2345'],
    ['digits only', '2345672345672345'],
    ['non-base32 digits', 'JBSWY3DPEHPK3PX0'],
    ['letters only, unlabelled', 'INTERNATIONALIZATIONS'.slice(0, 16)],
  ])('refuses %s', (_, candidate) => {
    expect(isPlausibleSecret(candidate, false)).toBe(false);
  });

  it('accepts letters only when labelled', () => {
    expect(isPlausibleSecret('ABCDEFGHJKLMNPQR', true)).toBe(true);
  });
});

describe('secretOfOtpauthUri', () => {
  it('reads and normalises the secret parameter', () => {
    expect(secretOfOtpauthUri('otpauth://totp/A:b?issuer=A&secret=jbsw%20y3dp-ehpk3pxp=')).toBe(
      'JBSWY3DPEHPK3PXP',
    );
  });

  it.each([
    'otpauth://totp/A:b',
    'otpauth://totp/A:b?secret=',
    'otpauth://totp/A:b?secret=%E0%A4%A',
    'otpauth://totp/A:b?secret=01',
  ])('finds nothing in %s', (uri) => {
    expect(secretOfOtpauthUri(uri)).toBeUndefined();
  });
});
