import { pageBrowser } from '../page-browser';
import { KeyfobError } from '../../shared';
import { t } from '../i18n';
import {
  type SiteGrants,
  type SiteScript,
  siteContentScripts,
  sitePattern,
  siteScriptIds,
  userGrantedSites,
} from './site-grants';

/** The part of `browser.permissions` site grants use. */
export interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  getAll(): Promise<{ origins?: string[] }>;
}

/** The part of `browser.scripting` site grants use. */
export interface ScriptingApi {
  registerContentScripts(scripts: SiteScript[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
}

/** What {@link createBrowserSiteGrants} works with; the real APIs unless a test passes fakes. */
export interface SiteGrantsDeps {
  permissions: PermissionsApi;
  scripting: ScriptingApi;
  /** Match patterns the manifest itself grants (content scripts and host permissions). */
  staticPatterns(): string[];
}

function manifestPatterns(): string[] {
  const manifest = pageBrowser().runtime.getManifest();
  return [
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
    ...((manifest as { host_permissions?: string[] }).host_permissions ?? []),
  ];
}

// Read when called, never at import time: WXT may load modules outside the extension.
const browserDeps = (): SiteGrantsDeps => ({
  permissions: pageBrowser().permissions,
  scripting: pageBrowser().scripting,
  staticPatterns: manifestPatterns,
});

/**
 * Registers Keyfob's content scripts for `site`, replacing an earlier registration (a site
 * allowed again after its permission was withdrawn in the browser's own settings).
 */
export async function registerSiteScripts(site: string, scripting: ScriptingApi): Promise<void> {
  await unregisterSiteScripts(site, scripting);
  await scripting.registerContentScripts(siteContentScripts(site));
}

/** Removes the site's content-script registrations, if there are any. */
export async function unregisterSiteScripts(site: string, scripting: ScriptingApi): Promise<void> {
  const { content, observer } = siteScriptIds(site);
  // Unregistering an id that is not registered fails in Chromium, so ask first.
  const existing = await scripting.getRegisteredContentScripts({ ids: [content, observer] });
  if (existing.length > 0) {
    await scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  }
}

/**
 * {@link SiteGrants} over `browser.permissions` and `browser.scripting`. Needs the `scripting`
 * permission and `optional_host_permissions` covering the sites people may allow.
 */
export function createBrowserSiteGrants(deps: SiteGrantsDeps = browserDeps()): SiteGrants {
  const { permissions, scripting } = deps;

  return {
    async list() {
      const { origins = [] } = await permissions.getAll();
      return userGrantedSites(origins, deps.staticPatterns());
    },

    grant(site) {
      const origins = [sitePattern(site)];
      let asked: Promise<boolean>;
      try {
        // First, and before any await: outside the click's user gesture the browser refuses
        // to show its prompt.
        asked = permissions.request({ origins });
      } catch (cause) {
        asked = Promise.reject(cause);
      }
      return asked.then(
        async (granted) => {
          if (!granted) return false;
          try {
            await registerSiteScripts(site, scripting);
          } catch (cause) {
            // A permission without its scripts would look allowed and do nothing: give it back.
            await permissions.remove({ origins }).catch(() => false);
            throw new KeyfobError('site-scripts-failed', t('siteScriptsFailed', site), {
              cause,
            });
          }
          return true;
        },
        (cause: unknown) => {
          throw new KeyfobError('site-request-failed', t('siteRequestFailed', site), { cause });
        },
      );
    },

    async revoke(site) {
      await unregisterSiteScripts(site, scripting);
      const removed = await permissions.remove({ origins: [sitePattern(site)] });
      if (!removed) {
        throw new KeyfobError('site-revoke-failed', t('siteRevokeFailed', site));
      }
    },
  };
}
