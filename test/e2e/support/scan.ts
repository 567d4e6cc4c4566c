import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { findSnappyBlocks } from './snappy';

/** One byte pattern to look for, with a name for reports. */
export interface Needle {
  label: string;
  bytes: Buffer;
}

/** One place a needle was found. */
export interface ScanHit {
  needle: string;
  /** Path relative to the scanned directory. */
  file: string;
  offset: number;
  /** Set when the needle was found inside a Snappy stream starting at this file offset. */
  snappyAt?: number;
}

/** Options for {@link scanForSecrets}. */
export interface ScanOptions {
  /**
   * Which files (relative paths) to also search after Snappy decoding. Default: browser
   * storage — Firefox's storage/ tree, Chromium's IndexedDB and extension LevelDBs — up to
   * 8 MB each.
   */
  decodeSnappy?: (file: string, size: number) => boolean;
}

/** The default {@link ScanOptions.decodeSnappy}: where browsers keep compressed site data. */
export function isBrowserStorage(file: string, size: number): boolean {
  return (
    size <= 8 * 1024 * 1024 &&
    /(^|\/)storage\/|IndexedDB|Extension Settings|Extension State|\.ldb$/.test(file)
  );
}

/** What a scan saw. */
export interface ScanReport {
  hits: ScanHit[];
  filesScanned: number;
  bytesScanned: number;
  /** Snappy streams decoded and searched (see {@link ScanOptions.decodeSnappy}). */
  snappyBlocks: number;
  /** Files that could not be read (they were not searched). */
  unreadable: { file: string; error: string }[];
}

/** All the byte encodings a string may take on disk: UTF-8, UTF-16LE, UTF-16BE. */
export function stringNeedles(label: string, text: string): Needle[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [
    { label: `${label} (utf-8)`, bytes: Buffer.from(text, 'utf8') },
    { label: `${label} (utf-16le)`, bytes: le },
    { label: `${label} (utf-16be)`, bytes: be },
  ];
}

/**
 * Needles for a TOTP secret: base32 in upper and lower case (UTF-8 and UTF-16), the raw key
 * bytes, and the raw key as hex and base64.
 */
export function secretNeedles(label: string, base32: string, raw: Buffer): Needle[] {
  const upper = base32.toUpperCase().replace(/=+$/, '');
  return [
    ...stringNeedles(`${label} base32`, upper),
    ...stringNeedles(`${label} base32 lower-case`, upper.toLowerCase()),
    { label: `${label} raw bytes`, bytes: raw },
    ...stringNeedles(`${label} hex`, raw.toString('hex')),
    ...stringNeedles(`${label} base64`, raw.toString('base64').replace(/=+$/, '')),
  ];
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
    // Symlinks (Firefox's "lock"), sockets and pipes are not data files.
  }
}

function indexesOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    found.push(at);
  }
  return found;
}

/**
 * Searches every regular file under `dir` (IndexedDB LevelDB logs and tables, sqlite files
 * and their -wal/-journal companions, extension storage, caches...) for each needle, byte for
 * byte. Run it on a closed browser's profile so that everything has been flushed.
 *
 * Browser storage files are also searched after Snappy decoding (Firefox compresses
 * IndexedDB values, LevelDB compresses table blocks). Other compression (lz4 session files,
 * gzip caches) is not undone: extensions do not write there.
 */
export async function scanForSecrets(
  dir: string,
  needles: Needle[],
  { decodeSnappy = isBrowserStorage }: ScanOptions = {},
): Promise<ScanReport> {
  const report: ScanReport = {
    hits: [],
    filesScanned: 0,
    bytesScanned: 0,
    snappyBlocks: 0,
    unreadable: [],
  };
  for await (const path of walk(dir)) {
    let content: Buffer;
    try {
      if (!(await lstat(path)).isFile()) continue;
      content = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      report.unreadable.push({ file: relative(dir, path), error: String(code ?? error) });
      continue;
    }
    report.filesScanned += 1;
    report.bytesScanned += content.length;
    const file = relative(dir, path);
    for (const needle of needles) {
      for (const offset of indexesOf(content, needle.bytes)) {
        report.hits.push({ needle: needle.label, file, offset });
      }
    }
    if (!decodeSnappy(file, content.length)) continue;
    for (const block of findSnappyBlocks(content)) {
      report.snappyBlocks += 1;
      for (const needle of needles) {
        for (const offset of indexesOf(block.data, needle.bytes)) {
          report.hits.push({ needle: needle.label, file, offset, snappyAt: block.offset });
        }
      }
    }
  }
  return report;
}

/** A one-line-per-hit summary for assertion messages. */
export function formatHits(hits: ScanHit[]): string {
  return hits
    .map((hit) => {
      const where = hit.snappyAt === undefined ? '' : ` (Snappy stream at ${hit.snappyAt})`;
      return `${hit.needle} in ${hit.file}${where} @${hit.offset}`;
    })
    .join('\n');
}
