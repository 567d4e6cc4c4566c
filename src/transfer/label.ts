/**
 * How an entry is named in the import preview: "Issuer: account", either part alone, or the
 * fallback when a file gives neither as text.
 */
export function entryLabel(issuer: unknown, account: unknown, fallback: string): string {
  const names = [issuer, account].filter(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  );
  return names.length > 0 ? names.join(': ') : fallback;
}
