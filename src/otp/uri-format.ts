import { validateOtpParams } from './params';
import type { OtpParams } from './types';

/**
 * Writes {@link OtpParams} as an `otpauth://` URI (Key URI format) that
 * {@link parseOtpauthUri} reads back to the same parameters, and that other authenticator
 * apps read as the same account.
 *
 * Every parameter is written out, defaults included, with the issuer both as the label
 * prefix and as the `issuer` parameter, as the format recommends. Colons need care, because
 * the first one in the label (literal or `%3A`) ends the issuer prefix:
 * - an issuer containing a colon is left out of the label; the parameter carries it;
 * - an account containing a colon always gets a prefix, empty if need be (`:a:b`), so its
 *   own colons are not taken for the separator.
 *
 * Steam Guard accounts are written as `otpauth://steam/…` with `digits=5`, as Aegis writes and
 * reads them.
 *
 * Validates first and throws {@link OtpError} as {@link validateOtpParams} does. The result
 * holds the secret: treat it like the secret itself (docs/architecture.md §3 rule 8).
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export function formatOtpauthUri(params: OtpParams): string {
  const p = validateOtpParams(params);
  const query = [`secret=${p.secret}`];
  if (p.issuer !== undefined) query.push(`issuer=${encodeURIComponent(p.issuer)}`);
  query.push(`algorithm=${p.algorithm}`, `digits=${p.digits}`);
  query.push(p.type === 'hotp' ? `counter=${p.counter}` : `period=${p.period}`);
  return `otpauth://${p.type}/${formatLabel(p.issuer, p.account)}?${query.join('&')}`;
}

function formatLabel(issuer: string | undefined, account: string): string {
  const prefix = issuer !== undefined && !issuer.includes(':') ? encodeURIComponent(issuer) : '';
  const name = encodeURIComponent(account);
  return prefix !== '' || account.includes(':') ? `${prefix}:${name}` : name;
}
