import { isKeyfobError } from '../../shared';
import { createBrowserSiteGrants, type ScriptingApi } from './browser-site-grants';
import {
  type SiteScript,
  siteContentScripts,
  siteFromPattern,
  siteScriptIds,
  userGrantedSites,
} from './site-grants';

const SITE = 'https://app.example.com';
const COGNITO = 'https://*.auth.eu-west-1.amazoncognito.com/*';

describe('patterns and sites', () => {
  it.each([
    ['https://app.example.com/*', 'https://app.example.com'],
    ['http://localhost/*', 'http://localhost'],
    ['https://App.Example.com/', 'https://app.example.com'],
    ['https://*.example.com/*', null],
    ['*://app.example.com/*', null],
    ['<all_urls>', null],
    ['file:///*', null],
  ])('reads %s as %s', (pattern, site) => {
    expect(siteFromPattern(pattern)).toBe(site);
  });

  it("keeps the person's sites only: no static matches, nothing on amazoncognito.com", () => {
    const granted = [
      COGNITO,
      'https://shop.auth.eu-west-1.amazoncognito.com/*',
      'https://b.example.org/*',
      'https://app.example.com/*',
      'http://127.0.0.1/*',
      'https://app.example.com/*',
    ];
    expect(userGrantedSites(granted, [COGNITO, 'http://127.0.0.1/*'])).toEqual([
      'https://app.example.com',
      'https://b.example.org',
    ]);
  });

  it('registers both content scripts for exactly that site, with distinct stable ids', () => {
    const ids = siteScriptIds(SITE);
    expect(siteContentScripts(SITE)).toEqual([
      {
        id: ids.content,
        matches: ['https://app.example.com/*'],
        js: ['cognito-bridge.js'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
      {
        id: ids.observer,
        matches: ['https://app.example.com/*'],
        js: ['page-observer.js'],
        runAt: 'document_start',
        world: 'MAIN',
        persistAcrossSessions: true,
      },
    ]);
    expect(ids.content).toMatch(/^keyfob-site-/);
    expect(ids.content).not.toBe(siteScriptIds('http://app.example.com').content);
    expect(siteScriptIds(SITE)).toEqual(ids);
  });
});

function fakeBrowserApis(options: { answer?: boolean; granted?: string[] } = {}) {
  const granted = new Set(options.granted ?? [COGNITO]);
  const registered = new Map<string, SiteScript>();
  const permissions = {
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      if (options.answer === false) return false;
      origins.forEach((origin) => granted.add(origin));
      return true;
    }),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      origins.forEach((origin) => granted.delete(origin));
      return true;
    }),
    getAll: vi.fn(async () => ({ origins: [...granted] })),
  };
  const scripting = {
    registerContentScripts: vi.fn(async (scripts: SiteScript[]) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.set(script.id, script);
      }
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      for (const id of ids) {
        if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
      }
    }),
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) =>
      [...registered.values()].filter((script) => ids.includes(script.id)),
    ),
  } satisfies ScriptingApi;
  const grants = createBrowserSiteGrants({
    permissions,
    scripting,
    staticPatterns: () => [COGNITO],
  });
  return { grants, permissions, scripting, granted, registered };
}

describe('browser site grants', () => {
  it('asks for the permission synchronously, then registers the scripts', async () => {
    const { grants, permissions, registered } = fakeBrowserApis();
    const pending = grants.grant(SITE);
    // Still inside the click: nothing may be awaited before the prompt is requested.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://app.example.com/*'] });

    expect(await pending).toBe(true);
    expect([...registered.keys()]).toEqual(Object.values(siteScriptIds(SITE)));
    expect(await grants.list()).toEqual([SITE]);
  });

  it('registers nothing when the person declines', async () => {
    const { grants, scripting } = fakeBrowserApis({ answer: false });
    expect(await grants.grant(SITE)).toBe(false);
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();
    expect(await grants.list()).toEqual([]);
  });

  it('replaces an earlier registration when a site is allowed again', async () => {
    const { grants, registered } = fakeBrowserApis();
    await grants.grant(SITE);
    expect(await grants.grant(SITE)).toBe(true);
    expect(registered.size).toBe(2);
  });

  it('gives the permission back when the scripts cannot be registered', async () => {
    const { grants, scripting, granted } = fakeBrowserApis();
    scripting.registerContentScripts.mockRejectedValueOnce(new Error('no such file'));

    const failure = await grants.grant(SITE).catch((error: unknown) => error);
    expect(isKeyfobError(failure, 'site-scripts-failed')).toBe(true);
    expect((failure as Error).message).toBe('Keyfob could not start on https://app.example.com.');
    expect(granted.has('https://app.example.com/*')).toBe(false);
  });

  it('says so when the browser refuses to ask', async () => {
    const { grants, permissions } = fakeBrowserApis();
    permissions.request.mockRejectedValueOnce(new Error('Only permissions in the manifest'));
    const failure = await grants.grant(SITE).catch((error: unknown) => error);
    expect(isKeyfobError(failure, 'site-request-failed')).toBe(true);
  });

  it('unregisters the scripts and removes the permission', async () => {
    const { grants, registered, granted } = fakeBrowserApis({
      granted: [COGNITO, 'https://b.example.org/*'],
    });
    await grants.grant(SITE);
    await grants.revoke(SITE);

    expect(registered.size).toBe(0);
    expect([...granted]).toEqual([COGNITO, 'https://b.example.org/*']);
    expect(await grants.list()).toEqual(['https://b.example.org']);
    // A site granted without scripts (say, before an update) is removed just the same.
    await grants.revoke('https://b.example.org');
    expect(await grants.list()).toEqual([]);
  });
});
