/** One entry of a `_locales/<lang>/messages.json` file, in the browser's own format. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A whole `messages.json`: message name to entry. */
export type Catalogue = Readonly<Record<string, CatalogueEntry>>;

/**
 * Fills an entry the way `browser.i18n.getMessage` does: `$name$` becomes its placeholder's
 * content, `$1`…`$9` the substitutions, `$$` a dollar sign. Kept the same so the manifest's
 * `__MSG_…__` strings and the pages read one catalogue in one format.
 */
export function formatMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = placeholders[name.toLowerCase()];
    return placeholder ? placeholder.content : whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}
