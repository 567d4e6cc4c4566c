import { err, ok, type Result } from '../../shared';
import { t } from '../i18n';

/** Hosts where plain http:// is accepted: a developer's own machine, nowhere on the network. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];

/** Already covered by the manifest's static matches (docs/architecture.md §3 rule 9). */
export function isCognitoHostedHost(hostname: string): boolean {
  return hostname === 'amazoncognito.com' || hostname.endsWith('.amazoncognito.com');
}

const EXAMPLE = 'https://app.example.com';

/** One DNS label: letters, digits and inner hyphens (after IDNA, so also `xn--…`). */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Whether the URL parser's `hostname` names a real site: a loopback name, an IP address the
 * person typed as such, or a dotted DNS name whose last label is not a number. The parser
 * accepts far more ("notaurl", "a_b", "1234" read as 0.0.4.210), and asking the browser for
 * such a host only shows a prompt for a site that cannot exist.
 */
function isSiteHost(hostname: string, typed: string): boolean {
  if (LOOPBACK_HOSTS.includes(hostname)) return true;
  if (hostname.startsWith('[')) return true;
  // The parser turns "1234" or "0x7f.1" into an address: only take one typed out in full.
  if (IPV4.test(hostname)) return typed.toLowerCase().includes(hostname);
  const labels = hostname.split('.');
  if (labels.length < 2 || hostname.length > 253) return false;
  return labels.every((label) => DNS_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

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
  if (text === '') return err(t('siteAddressEmpty', EXAMPLE));
  if (text.includes('*')) {
    return err(t('siteAddressWildcard'));
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return err(t('siteAddressInvalid', EXAMPLE));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(t('siteAddressScheme'));
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    return err(t('siteAddressHttp'));
  }
  if (!url.hostname) return err(t('siteAddressNoHost', EXAMPLE));
  if (!isSiteHost(url.hostname, text)) return err(t('siteAddressInvalid', EXAMPLE));
  const site = `${url.protocol}//${url.hostname}`;
  if (url.username || url.password) {
    return err(t('siteAddressCredentials', site));
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return err(t('siteAddressPath', site));
  }
  if (isCognitoHostedHost(url.hostname)) {
    return err(t('siteAddressCognito'));
  }
  return ok(site);
}
