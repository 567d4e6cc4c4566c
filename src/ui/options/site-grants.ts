import { CONTENT_SCRIPT_FILES, SITE_SCRIPT_PREFIX } from '../../shared/content-script-files';
import { isCognitoHostedHost } from './site-address';

/**
 * The sites a person has let Keyfob run on, beyond the manifest's Cognito domains
 * (docs/architecture.md §3 rule 9: `optional_host_permissions` + `scripting.registerContentScripts`).
 * Sites are `scheme://host` strings from {@link normaliseSiteAddress}. The options page
 * takes this as a dependency, so its tests need no browser.
 */
export interface SiteGrants {
  /** Sites granted by the person, sorted; never the manifest's own matches. */
  list(): Promise<string[]>;
  /**
   * Asks the browser for access to `site`, then starts Keyfob's content scripts there.
   * Must be called in the click handler before anything is awaited: browsers show the
   * permission prompt only while handling a user gesture. False when the person declines.
   */
  grant(site: string): Promise<boolean>;
  /** Stops the site's content scripts and gives the access back. */
  revoke(site: string): Promise<void>;
}

/** The match pattern for a site: every page of it (and, having no port, every port). */
export function sitePattern(site: string): string {
  return `${site}/*`;
}

/**
 * The site a host-permission pattern grants, or null when the pattern is not one exact
 * http(s) host (`<all_urls>`, `*.example.com`, `*://…`): Keyfob never asks for those, so they
 * are not the person's site grants.
 */
export function siteFromPattern(pattern: string): string | null {
  const match = /^(https?):\/\/([^/*]+)\/.*$/.exec(pattern);
  if (!match) return null;
  return `${match[1]}://${match[2]!.toLowerCase()}`;
}

/**
 * The person's sites among the extension's granted origins: exact http(s) hosts, minus the
 * patterns the manifest grants by itself and anything on amazoncognito.com (static matches).
 */
export function userGrantedSites(
  granted: readonly string[],
  staticPatterns: Iterable<string>,
): string[] {
  const fixed = new Set(staticPatterns);
  const sites = new Set<string>();
  for (const pattern of granted) {
    if (fixed.has(pattern)) continue;
    const site = siteFromPattern(pattern);
    if (!site || isCognitoHostedHost(new URL(site).hostname)) continue;
    sites.add(site);
  }
  return [...sites].sort();
}

/** A dynamic content script, in the shape `scripting.registerContentScripts` takes. */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start' | 'document_idle';
  allFrames?: boolean;
  world?: 'ISOLATED' | 'MAIN';
  persistAcrossSessions: boolean;
}

/**
 * Registration ids for a site. The site is URI-encoded rather than hashed: ids stay unique,
 * need nothing async to compute, and say which site they belong to when inspected.
 */
export function siteScriptIds(site: string): { content: string; observer: string } {
  const content = `${SITE_SCRIPT_PREFIX}${encodeURIComponent(site)}`;
  return { content, observer: `${content}-observer` };
}

/**
 * The two scripts the manifest runs on Cognito's domains, registered for one more site: the
 * isolated-world page bridge (top frame only, once the page has settled), which asks for the
 * helper when the page shows a code field, and the page observer,
 * which must be in the page's own world before the page's code runs. Both persist across
 * browser restarts, as the permission does.
 */
export function siteContentScripts(site: string): SiteScript[] {
  const ids = siteScriptIds(site);
  const matches = [sitePattern(site)];
  return [
    {
      id: ids.content,
      matches,
      js: [CONTENT_SCRIPT_FILES.bridge],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    },
    {
      id: ids.observer,
      matches,
      js: [CONTENT_SCRIPT_FILES.observer],
      runAt: 'document_start',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
  ];
}
