import { parseOtpauthUri } from './uri-parse';

const S = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('parseOtpauthUri', () => {
  it('reads a full TOTP URI', () => {
    expect(
      parseOtpauthUri(
        `otpauth://totp/ACME%20Co:john.doe@email.com?secret=${S}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`,
      ),
    ).toEqual({
      type: 'totp',
      secret: S,
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
  });

  it('reads a HOTP URI with its counter, ignoring any period', () => {
    expect(
      parseOtpauthUri(`otpauth://hotp/Example:alice?secret=${S}&counter=42&period=60`),
    ).toEqual({
      type: 'hotp',
      secret: S,
      issuer: 'Example',
      account: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 42,
    });
  });

  it('reads what Amplify UI puts in its setup QR code', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/AWSCognito:jane?secret=${S}&issuer=AWSCognito`),
    ).toMatchObject({ issuer: 'AWSCognito', account: 'jane', digits: 6, period: 30 });
  });

  // The Key URI format's own label examples.
  it.each([
    ['Example:alice@gmail.com', 'Example', 'alice@gmail.com'],
    ['Provider1:Alice%20Smith', 'Provider1', 'Alice Smith'],
    ['Big%20Corporation%3A%20alice%40bigco.com', 'Big Corporation', 'alice@bigco.com'],
    ['Big%20Corporation:%20%20%20alice', 'Big Corporation', 'alice'],
    ['alice@example.com', undefined, 'alice@example.com'],
    ['Corp:team:alice', 'Corp', 'team:alice'],
    [':team:alice', undefined, 'team:alice'],
    ['C%2B%2B%20Club:bob+tag', 'C++ Club', 'bob+tag'],
    ['%E5%B1%B1%E7%94%B0:%F0%9F%98%80', '山田', '😀'],
  ])('splits the label %s', (label, issuer, account) => {
    const p = parseOtpauthUri(`otpauth://totp/${label}?secret=${S}`);
    expect(p.issuer).toBe(issuer);
    expect(p.account).toBe(account);
  });

  it('prefers the issuer parameter over a disagreeing label prefix, as Google Authenticator does', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/Old%20Name:alice?secret=${S}&issuer=New%20Name`),
    ).toMatchObject({ issuer: 'New Name', account: 'alice' });
    // A blank parameter falls back to the prefix.
    expect(parseOtpauthUri(`otpauth://totp/Prefix:alice?secret=${S}&issuer=`)).toMatchObject({
      issuer: 'Prefix',
    });
  });

  it('reads + as a space in parameters only', () => {
    expect(parseOtpauthUri(`otpauth://totp/a+b?secret=${S}&issuer=Big+Corp`)).toMatchObject({
      issuer: 'Big Corp',
      account: 'a+b',
    });
  });

  it('lets an issuer alone name the account', () => {
    expect(parseOtpauthUri(`otpauth://totp/GitHub:?secret=${S}`)).toMatchObject({
      issuer: 'GitHub',
      account: '',
    });
    expect(parseOtpauthUri(`otpauth://totp?secret=${S}&issuer=GitHub`)).toMatchObject({
      issuer: 'GitHub',
      account: '',
    });
  });

  it('is lenient where generators differ harmlessly', () => {
    const p = parseOtpauthUri(
      `  OTPAUTH://TOTP/a?SECRET=${S.toLowerCase().replace(/(.{4})/g, '$1%20')}%3D%3D&Algorithm=sha512&digits=07&&  \n`,
    );
    expect(p).toMatchObject({ type: 'totp', secret: S, algorithm: 'SHA512', digits: 7 });
  });

  it('ignores unknown parameters without reading them', () => {
    expect(
      parseOtpauthUri(
        `otpauth://totp/a?secret=${S}&image=https%3A%2F%2Fx%2Fy.png&image=%ZZ&color=red&lock`,
      ),
    ).toMatchObject({ account: 'a', secret: S });
  });

  it('ignores a counter on a TOTP URI, as other authenticators do', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&counter=7`)).not.toHaveProperty('counter');
  });

  it('accepts the largest counter and the period limits', () => {
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=${S}&counter=9007199254740991`).counter).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&period=1`).period).toBe(1);
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&period=300`).period).toBe(300);
  });
});
