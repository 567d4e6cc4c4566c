/**
 * Import and export formats: pure parsers and writers behind `readImport` / `writeExport`.
 * No browser API (docs/architecture.md §2); the background runs them and the UI sees only previews.
 */
export type {
  AccountDetails,
  ExportAccount,
  ExportFormatId,
  ExportOptions,
  ImportFormatId,
  ImportInput,
  ImportOptions,
  ImportResult,
  SkippedEntry,
} from './types';
export { TransferError, type TransferErrorCode } from './errors';
export { readImport, MAX_IMPORT_BYTES } from './read-import';
export { writeExport } from './write-export';
