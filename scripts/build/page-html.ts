import type { IndexHtmlTransformContext, Plugin } from 'vite';

// What the extension's pages (popup, options, offscreen) fetch before they can paint: every
// file is a request the browser answers through the extension's loader, a few milliseconds
// each before the page's code can run (issue 10: the popup's first paint).

/** The module script WXT puts into every HTML page to start WXT plugins in it. */
const WXT_HTML_PLUGINS = /<script src="virtual:wxt-html-plugins" type="module"><\/script>/;

/**
 * Drops WXT's plugin script from the pages when the build has no WXT plugins (`plugins` of the
 * resolved WXT config, read when the build starts): the script then runs nothing, yet it became
 * an empty chunk that every page fetched. With a WXT plugin, the pages keep it.
 */
export function withoutIdleWxtPlugins(wxtPlugins: () => readonly string[]): Plugin {
  return {
    name: 'keyfob:without-idle-wxt-plugins',
    // After WXT's own 'pre' transform, which adds the script, and before Vite reads the scripts.
    enforce: 'post',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => (wxtPlugins().length > 0 ? html : html.replace(WXT_HTML_PLUGINS, '')),
    },
  };
}

/** A stylesheet link as Vite writes it into a built page. */
const STYLESHEET = /<link rel="stylesheet" crossorigin href="\/([^"]+\.css)">/g;

/**
 * Writes the stylesheets of the pages `pages` (source paths, e.g. `/entrypoints/popup/index.html`)
 * into the page as `<style>`: one file fewer to fetch before the page shows, and module scripts
 * no longer wait for it. The pages' CSP limits scripts only, so inline styles are allowed. The
 * stylesheet stays in the build for the other pages that link it.
 *
 * A disabled link to the stylesheet stays beside it, which the browser does not fetch: Vite's
 * loader for lazily imported chunks adds a chunk's stylesheet unless a link to it is in the
 * page, and it would otherwise load and apply the same rules a second time.
 */
export function inlineStylesheets(pages: readonly string[]): Plugin {
  return {
    name: 'keyfob:inline-stylesheets',
    transformIndexHtml: {
      order: 'post',
      handler: (html: string, ctx: IndexHtmlTransformContext) => {
        if (!pages.includes(ctx.path)) return html;
        return html.replace(STYLESHEET, (_link, file: string) => {
          const asset = ctx.bundle?.[file];
          if (asset?.type !== 'asset' || typeof asset.source !== 'string') {
            throw new Error(`${ctx.path}: stylesheet ${file} is not in the build`);
          }
          if (asset.source.includes('</style')) {
            throw new Error(`${ctx.path}: ${file} cannot be written into a <style> element`);
          }
          return `<link rel="stylesheet" href="/${file}" disabled><style>${asset.source.trim()}</style>`;
        });
      },
    },
  };
}

/**
 * Puts the modules that every one of `pages` (entrypoint names, e.g. `popup`) imports at start
 * into one chunk, `pages`: the popup's code then comes in two module files, its own and this
 * one, where the automatic split made three (Preact with the translation lookup, and the
 * messaging and i18n code beside them), and the options page's in one file fewer too. The
 * chunk also holds the few modules both import that one of them only reaches lazily (the
 * popup loads about 0.5 kB more at start). A page outside `pages` (the offscreen page) shares
 * none of them and loads what it did. The lazily loaded views import from the chunk.
 */
export function sharedPageChunk(pages: readonly string[]): Plugin {
  const shared = new Set<string>();
  const isPage = (name: string) => (id: string) => id.endsWith(`/entrypoints/${name}/index.html`);
  return {
    name: 'keyfob:shared-page-chunk',
    buildEnd() {
      shared.clear();
      const ids = [...this.getModuleIds()];
      const entries = pages.map((name) => ids.find(isPage(name)));
      if (entries.some((id) => id === undefined)) return; // another build: scripts, background
      const loadedBy = (entry: string): Set<string> => {
        const seen = new Set<string>();
        const pending = [entry];
        while (pending.length > 0) {
          const id = pending.pop()!;
          if (seen.has(id)) continue;
          seen.add(id);
          pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const [first, ...rest] = entries.map((entry) => loadedBy(entry!));
      for (const id of first!) if (rest.every((loaded) => loaded.has(id))) shared.add(id);
    },
    outputOptions(options) {
      // Only module builds split code; the content scripts are single IIFE files.
      if (!['es', 'esm', 'module', undefined].includes(options.format)) return null;
      const splitting = typeof options.codeSplitting === 'object' ? options.codeSplitting : {};
      return {
        ...options,
        codeSplitting: {
          ...splitting,
          groups: [
            ...(splitting.groups ?? []),
            { name: 'pages', test: (id: string) => shared.has(id) },
          ],
        },
      };
    },
  };
}
