import { err, ok, type Result } from '../../shared';

/** Hosts where plain http:// is accepted: a developer's own machine, nowhere on the network. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];

/** Already covered by the manifest's static matches (docs/architecture.md §3 rule 9). */
export function isCognitoHostedHost(hostname: string): boolean {
  return hostname === 'amazoncognito.com' || hostname.endsWith('.amazoncognito.com');
}

const EXAMPLE = 'https://app.example.com';

/**
 * Turns what a person typed into the site Keyfob asks access for: `scheme://host`, lower
 * case, no port, path, query or credentials. A bare host means https. Anything that would
 * grant more than one exact host (wildcards), a page rather than a site (a path), or a
 * plain-http site on the network is refused with a sentence saying what to type instead.
 *
 * The port is dropped on purpose: Firefox match patterns cannot name one, so a grant covers
 * every port of its host. Sign-in fill stays exact anyway: the background compares the full
 * origin, port included, with the one the account was enrolled on.
 */
export function normaliseSiteAddress(input: string): Result<string, string> {
  const text = input.trim();
  if (text === '') return err(`Enter a site address, such as ${EXAMPLE}.`);
  if (text.includes('*')) {
    return err('Enter one exact site: wildcards (*) are not allowed.');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return err(`That is not a web address. Enter one such as ${EXAMPLE}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err('Only https:// sites can be allowed.');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    return err('Use https://. Plain http:// is allowed only for localhost and 127.0.0.1.');
  }
  if (!url.hostname) return err(`That address has no host. Enter one such as ${EXAMPLE}.`);
  const site = `${url.protocol}//${url.hostname}`;
  if (url.username || url.password) {
    return err(`Leave out the user name and password: enter just ${site}.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return err(`Enter the site without a path: ${site}.`);
  }
  if (isCognitoHostedHost(url.hostname)) {
    return err('Keyfob already works on Amazon Cognito’s own sign-in pages: no need to add them.');
  }
  return ok(site);
}
