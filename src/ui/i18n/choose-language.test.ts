import {
  chooseLanguage,
  copyWasStale,
  readLanguageSetting,
  saveLanguageSetting,
  type LanguageApi,
} from './choose-language';

/** The Language setting in a fake storage.local, a localStorage, and a browser in `ui`. */
function setUp({
  stored,
  copy,
  ui = 'en-US',
  picked = '',
}: {
  stored?: unknown;
  copy?: string;
  ui?: string;
  /** The catalogue the browser serves Keyfob's messages from ('' when it has none). */
  picked?: string;
}) {
  const local = new Map<string, unknown>(stored === undefined ? [] : [['uiLanguage', stored]]);
  const reads = vi.fn();
  const api: LanguageApi = {
    runtime: { getURL: (path) => `chrome-extension://keyfob${path}` },
    storage: {
      local: {
        async get(key) {
          reads(key);
          return local.has(key) ? { [key]: local.get(key) } : {};
        },
        async set(items) {
          for (const [key, value] of Object.entries(items)) local.set(key, value);
        },
      },
    },
    i18n: {
      getUILanguage: () => ui,
      getMessage: (name) => (name === 'catalogueLocale' ? picked : ''),
    },
  };
  const storage = new Map<string, string>(copy === undefined ? [] : [['keyfob.language', copy]]);
  const page = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
  } as Storage;
  const load = vi.fn(async (url: string) => ({ fetched: { message: url } }));
  return { api, page, load, reads, local, copyNow: () => storage.get('keyfob.language') };
}

describe('choosing the language a page shows', () => {
  it("shows the browser's own language through the browser's catalogue: nothing read, nothing fetched", async () => {
    const { api, page, load, reads } = setUp({ copy: 'browser', ui: 'de-AT' });
    expect(await chooseLanguage(api, page, load)).toEqual({ locale: 'de', fromCopy: true });
    expect(reads).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  });

  it('follows the catalogue the browser picked when it is not the UI language', async () => {
    // Firefox in French with German next on the person's list serves Keyfob's German.
    const { api, page, load } = setUp({ copy: 'browser', ui: 'fr-FR', picked: 'de' });
    expect(await chooseLanguage(api, page, load)).toEqual({ locale: 'de', fromCopy: true });
    expect(load).not.toHaveBeenCalled();
  });

  it("fetches the catalogue of a language the person chose over the browser's", async () => {
    const { api, page, load } = setUp({ copy: 'de', ui: 'en-GB' });
    const chosen = await chooseLanguage(api, page, load);
    expect(chosen.locale).toBe('de');
    expect(load).toHaveBeenCalledWith('chrome-extension://keyfob/_locales/de/messages.json');
    expect(chosen.catalogue).toEqual({
      fetched: { message: 'chrome-extension://keyfob/_locales/de/messages.json' },
    });
  });

  it('reads the setting when there is no copy yet, and leaves one for the next page', async () => {
    const { api, page, load, copyNow } = setUp({ stored: 'de', ui: 'en-US' });
    const chosen = await chooseLanguage(api, page, load);
    expect(chosen).toMatchObject({ locale: 'de', fromCopy: false });
    expect(copyNow()).toBe('de');
  });

  it('treats an unreadable setting or copy as "browser"', async () => {
    const { api, page, load } = setUp({ stored: 'klingon', copy: '<script>', ui: 'fr-FR' });
    // French is not shipped: English, the default, as the browser would show it.
    expect(await chooseLanguage(api, page, load)).toEqual({ locale: 'en', fromCopy: false });
    expect(load).not.toHaveBeenCalled();
  });

  it("falls back to the browser's own language when the setting cannot be read", async () => {
    const { api, page, load } = setUp({ ui: 'de-DE' });
    api.storage.local.get = () => Promise.reject(new Error('storage is gone'));
    expect(await chooseLanguage(api, page, load)).toEqual({ locale: 'de', fromCopy: false });
  });

  it("falls back to the browser's own language when the chosen catalogue cannot be fetched", async () => {
    const { api, page } = setUp({ copy: 'de', ui: 'en-US' });
    const failing = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await chooseLanguage(api, page, failing)).toEqual({ locale: 'en', fromCopy: false });
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('says a copy was stale when the setting shows another language, and corrects it', async () => {
    const { api, page, copyNow } = setUp({ stored: 'de', copy: 'browser', ui: 'en-US' });
    expect(await copyWasStale(api, page, 'en')).toBe(true);
    expect(copyNow()).toBe('de');
    expect(await copyWasStale(api, page, 'de')).toBe(false);
  });

  it('does not ask for a reload when the copy cannot be corrected: it would only loop', async () => {
    const { api } = setUp({ stored: 'de', ui: 'en-US' });
    const stuck = {
      getItem: () => 'browser',
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    expect(await copyWasStale(api, stuck, 'en')).toBe(false);
  });

  it('does not call a copy stale when both name the same language in other words', async () => {
    const { api, page } = setUp({ stored: 'en', copy: 'browser', ui: 'en-US' });
    expect(await copyWasStale(api, page, 'en')).toBe(false);
  });

  it('saves the setting and its copy together', async () => {
    const { api, page, local, copyNow } = setUp({});
    await saveLanguageSetting(api, page, 'de');
    expect(local.get('uiLanguage')).toBe('de');
    expect(copyNow()).toBe('de');
    expect(await readLanguageSetting(api, page)).toBe('de');
  });

  it('works on when the page cannot keep a copy', async () => {
    const { api, load } = setUp({ stored: 'de' });
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect((await chooseLanguage(api, refusing, load)).locale).toBe('de');
  });
});
