import fc from 'fast-check';
import { KeyfobError, toErrorInfo } from '../shared';
import { OtpError, type OtpErrorCode } from './errors';
import { generateCode } from './generate';
import { normaliseSecret } from './secret';
import { parseOtpauthUri } from './uri-parse';

// Every refusal has a stable code, and nothing reachable from the error (message, String(),
// stack, JSON, cause) may hold the secret or the URI (docs/architecture.md §3 rule 8).

const S = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const T = `otpauth://totp/Acme:alice?secret=${S}`;

const MALFORMED_URIS: [string, OtpErrorCode][] = [
  [`https://totp/a?secret=${S}`, 'uri-scheme'],
  [`otpauth-migration://offline?data=${S}`, 'uri-scheme'],
  [S, 'uri-scheme'],
  [`otpauth:totp/a?secret=${S}`, 'uri-malformed'],
  [`otpauth:/totp/a?secret=${S}`, 'uri-malformed'],
  [`${T}#fragment`, 'uri-malformed'],
  [`otpauth://totp/a\nb?secret=${S}`, 'uri-malformed'],
  [`otpauth://totp/a\u0000?secret=${S}`, 'uri-malformed'],
  [`otpauth://totp/%E0%A4%A?secret=${S}`, 'uri-malformed'],
  [`otpauth://totp/%C3%28?secret=${S}`, 'uri-malformed'],
  [`otpauth://totp/%?secret=${S}`, 'uri-malformed'],
  [`otpauth://totp/a?secret=${S}%3`, 'uri-malformed'],
  [`otpauth://totp/a?secret=${S}&issuer=%FF`, 'uri-malformed'],
  [`${T}&image=${'x'.repeat(4096)}`, 'uri-too-long'],
  [`otpauth://motp/a?secret=${S}`, 'uri-type'],
  [`otpauth:///a?secret=${S}`, 'uri-type'],
  [`otpauth://yandex/a?secret=${S}`, 'uri-type'],
  ['otpauth://totp/a', 'secret-missing'],
  ['otpauth://totp/a?secret=', 'secret-missing'],
  ['otpauth://totp/a?secret=%20-%20', 'secret-missing'],
  [`otpauth://totp/a?secret=${S.slice(0, 8)}1${S.slice(9)}`, 'secret-invalid'],
  [`otpauth://totp/a?secret=${S.slice(0, 8)}=${S.slice(9)}`, 'secret-invalid'],
  [`otpauth://totp/a?secret=${S.slice(0, 15)}`, 'secret-too-short'],
  [`otpauth://totp/a?secret=${S.repeat(13)}`, 'secret-too-long'],
  [`otpauth://totp/a?secret=${S}&secret=${S}`, 'param-duplicated'],
  [`otpauth://totp/a?secret=${S}&issuer=A&ISSUER=B`, 'param-duplicated'],
  [`otpauth://totp/a?secret=${S}&digits=6&digits=6`, 'param-duplicated'],
  [`otpauth://totp/a?secret=${S}&algorithm=MD5`, 'algorithm-unsupported'],
  [`otpauth://totp/a?secret=${S}&algorithm=`, 'algorithm-unsupported'],
  [`otpauth://totp/a?secret=${S}&algorithm=SHA224`, 'algorithm-unsupported'],
  [`otpauth://totp/a?secret=${S}&digits=5`, 'digits-invalid'],
  [`otpauth://totp/a?secret=${S}&digits=9`, 'digits-invalid'],
  [`otpauth://totp/a?secret=${S}&digits=6.0`, 'digits-invalid'],
  [`otpauth://totp/a?secret=${S}&digits=six`, 'digits-invalid'],
  [`otpauth://totp/a?secret=${S}&period=0`, 'period-invalid'],
  [`otpauth://totp/a?secret=${S}&period=301`, 'period-invalid'],
  [`otpauth://totp/a?secret=${S}&period=30.5`, 'period-invalid'],
  [`otpauth://totp/a?secret=${S}&period=-30`, 'period-invalid'],
  [`otpauth://totp/a?secret=${S}&period=`, 'period-invalid'],
  [`otpauth://hotp/a?secret=${S}`, 'counter-missing'],
  [`otpauth://hotp/a?secret=${S}&counter=`, 'counter-invalid'],
  [`otpauth://hotp/a?secret=${S}&counter=-1`, 'counter-invalid'],
  [`otpauth://hotp/a?secret=${S}&counter=1.5`, 'counter-invalid'],
  [`otpauth://hotp/a?secret=${S}&counter=9007199254740992`, 'counter-invalid'],
  [`otpauth://totp/?secret=${S}`, 'account-missing'],
  [`otpauth://totp/%20%3A%20?secret=${S}`, 'account-missing'],
  [`otpauth://totp?secret=${S}`, 'account-missing'],
  [`otpauth://totp/a%07b?secret=${S}`, 'label-invalid'],
  [`otpauth://totp/Acme:evil%E2%80%AEmoc.elgoog?secret=${S}`, 'label-invalid'],
  [`otpauth://totp/Ac%0Ame:alice?secret=${S}`, 'label-invalid'],
  [`otpauth://totp/${'a'.repeat(257)}?secret=${S}`, 'label-invalid'],
  [`otpauth://totp/a?secret=${S}&issuer=%E2%80%AE`, 'issuer-invalid'],
  [`otpauth://totp/a?secret=${S}&issuer=${'%C3%A9'.repeat(129)}`, 'issuer-invalid'],
];

const MALFORMED_SECRETS: [string, OtpErrorCode][] = [
  ['', 'secret-missing'],
  ['   ', 'secret-missing'],
  [' - - ', 'secret-missing'],
  ['======', 'secret-missing'],
  [`${S.slice(0, 31)}0`, 'secret-invalid'],
  [`${S.slice(0, 31)}8`, 'secret-invalid'],
  [`${S.slice(0, 16)}_${S.slice(16)}`, 'secret-invalid'],
  [`${S.slice(0, 16)}.${S.slice(16)}`, 'secret-invalid'],
  [`${S.slice(0, 16)}É${S.slice(16)}`, 'secret-invalid'],
  [`${S.slice(0, 16)}=${S.slice(16)}`, 'secret-invalid'],
  [`${S}%3D`, 'secret-invalid'],
  [S.slice(0, 8), 'secret-too-short'],
  [S.slice(0, 15), 'secret-too-short'],
  [S.repeat(13), 'secret-too-long'],
  [`${' '.repeat(4096)}${S}`, 'secret-too-long'],
];

/** Everything a log line, a UI string or a message to another context could pick up. */
function reachableText(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [
    e.message,
    String(e),
    e.stack ?? '',
    JSON.stringify(e),
    JSON.stringify(toErrorInfo(e)),
    String(e.cause ?? ''),
    ...Object.values(e).map(String),
  ].join('\n');
}

function expectSafeRefusal(run: () => unknown, code: OtpErrorCode, ...hidden: string[]): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OtpError);
  expect(thrown).toBeInstanceOf(KeyfobError);
  const error = thrown as OtpError;
  expect(error.code).toBe(code);
  expect(error.name).toBe('OtpError');
  expect(error.cause).toBeUndefined();
  expect(error.message).toMatch(/^[A-Z].*\.$/); // a sentence for a person
  const text = reachableText(error);
  for (const secret of hidden.filter((h) => h.trim().length >= 8)) {
    expect(text).not.toContain(secret);
    expect(text.toUpperCase()).not.toContain(secret.toUpperCase());
  }
}

describe('malformed input', () => {
  it('has a table of at least 30 URIs and 15 secrets', () => {
    expect(MALFORMED_URIS.length).toBeGreaterThanOrEqual(30);
    expect(MALFORMED_SECRETS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(MALFORMED_URIS)('refuses %s with %s, quoting neither URI nor secret', (uri, code) => {
    expectSafeRefusal(() => parseOtpauthUri(uri), code, uri, S, S.slice(0, 15));
  });

  it.each(MALFORMED_SECRETS)('refuses the secret %j with %s', (secret, code) => {
    expectSafeRefusal(() => normaliseSecret(secret), code, secret, secret.trim());
  });

  it('refuses non-string URIs', () => {
    expectSafeRefusal(() => parseOtpauthUri(null as unknown as string), 'uri-malformed');
    expectSafeRefusal(() => parseOtpauthUri(42 as unknown as string), 'uri-malformed');
  });

  it('keeps the secret out of generateCode errors too', async () => {
    const error = await generateCode(
      {
        type: 'totp',
        account: 'a',
        secret: `${S.slice(0, 15)}`,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
      0,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secret-too-short' });
    expect(reachableText(error)).not.toContain(S.slice(0, 15));
  });

  it('throws only OtpErrors free of the secret, whatever follows the scheme', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '/',
        ':',
        '?',
        '&',
        '=',
        '%',
        '%3A',
        '%2',
        '#',
        '+',
        ' ',
        'secret=',
        'issuer=',
      ),
      fc.constantFrom('digits=', 'period=', 'counter=', 'algorithm=', 'totp', 'hotp', S, '7'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    const uri = fc.array(piece, { maxLength: 24 }).map((parts) => `otpauth://${parts.join('')}`);
    fc.assert(
      fc.property(uri, (text) => {
        try {
          parseOtpauthUri(text);
        } catch (error) {
          expect(error).toBeInstanceOf(OtpError);
          expect(reachableText(error)).not.toContain(S);
          if (text.length >= 16) expect(reachableText(error)).not.toContain(text);
        }
      }),
      // 400 random URIs cover the piece alphabet many times over (2,000 took 6 s on a busy machine).
      { numRuns: 400 },
    );
  });
});
