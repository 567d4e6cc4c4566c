import { formatOtpauthUri } from '../otp';
import type { OtpParams } from '../otp/types';
import type { Handlers } from '../messaging/server';
import { originOf } from '../messaging/sender';
import type { ExportFormat, ImportPreview, ProtocolMap } from '../messaging/protocol';
import { KeyfobError, fromBase64, toBase64, utf8Encode, type Origin } from '../shared';
import {
  MAX_IMPORT_BYTES,
  TransferError,
  readImport,
  writeExport,
  type AccountDetails,
  type ExportAccount,
  type ImportResult,
} from '../transfer';
import {
  VaultError,
  checkPassphrase,
  type Account,
  type NewAccount,
  type VaultService,
} from '../vault';
import type { AutoFillSites } from './auto-fill-sites';
import type { PassphraseGuard } from './passphrase-guard';
import type { BackupLog } from './backup-log';
import type { ImportSessions } from './import-sessions';
import type { TaskProgress } from './task-progress';
import type { TabsApi } from './tabs';

/** The backup, import and export verbs. */
export type TransferVerbs = Pick<
  ProtocolMap,
  | 'previewImport'
  | 'previewImage'
  | 'scanTabForQr'
  | 'commitImport'
  | 'discardImport'
  | 'exportAccounts'
  | 'revealAccount'
  | 'backupStatus'
  | 'taskProgress'
>;

/** Dependencies of {@link createTransferHandlers}. */
export interface TransferHandlerDeps {
  vault: VaultService;
  imports: ImportSessions;
  backups: BackupLog;
  /** Where automatic fill is on: a backup carries it, a restore puts it back. */
  autoFill: AutoFillSites;
  tabs: Pick<TabsApi, 'captureVisibleTab'>;
  /** Every QR code's text in an image. */
  decodeQrImage: (image: Blob) => Promise<string[]>;
  /** Every check of the vault passphrase goes through it, so guessing is slow. */
  passphraseGuard: PassphraseGuard;
  /** Where long work reports how far it has come, for the page's progress bar. */
  progress: TaskProgress;
  now: () => number;
}

/** What each export format's file is called and typed as. */
const EXPORT_FILES: Record<ExportFormat, { name: string; mimeType: string }> = {
  keyfob: { name: 'keyfob-backup', mimeType: 'application/json' },
  aegis: { name: 'keyfob-aegis-export', mimeType: 'application/json' },
  otpauth: { name: 'keyfob-otpauth-list', mimeType: 'text/plain' },
};

/** QR texts an authenticator import can use; a QR code that links a web page is not one. */
const AUTHENTICATOR_QR = /^otpauth(-migration)?:\/\//i;

/**
 * Backup, restore, import and export for the extension pages (docs/architecture.md §1). Files are read
 * here, in the background; the pages get a preview without secrets and confirm it by id. The
 * one answer with a secret, `revealAccount`, and every export need the vault passphrase again.
 */
export function createTransferHandlers(deps: TransferHandlerDeps): Handlers<TransferVerbs> {
  const { vault, imports, backups, autoFill, tabs, decodeQrImage, progress, now } = deps;

  /** Runs `work` as the page's task `taskId`, reporting its progress as it goes. */
  async function tracked<T>(
    taskId: unknown,
    work: (onProgress: (fraction: number) => void) => Promise<T>,
  ): Promise<T> {
    const task = progress.start(taskId);
    try {
      return await work(task.report);
    } finally {
      task.end();
    }
  }

  function requireUnlocked(): void {
    if (!vault.isUnlocked()) throw new VaultError('vault-locked');
  }

  /** The vault passphrase, asked again: it unwraps the key or fails with `wrong-passphrase`. */
  async function confirmPassphrase(passphrase: unknown): Promise<string> {
    requireUnlocked();
    const text = String(passphrase ?? '');
    await deps.passphraseGuard.check(() => vault.unlock(text));
    return text;
  }

  async function preview(result: ImportResult): Promise<ImportPreview> {
    // In the vault already, or earlier in this same import: never doubled.
    const duplicates = await vault.findDuplicates(result.accounts);
    const importId = imports.hold({ result, duplicates });
    return {
      importId,
      format: result.format,
      accounts: result.accounts.map((params, index) => ({
        ...(params.issuer ? { issuer: params.issuer } : {}),
        account: params.account,
        type: params.type,
        digits: params.digits,
        duplicate: duplicates[index] === true,
      })),
      skipped: result.skipped.map(({ label, reason }) => ({ label, reason })),
    };
  }

  async function previewQrImage(image: Blob): Promise<ImportPreview> {
    requireUnlocked();
    const texts = (await decodeQrImage(image)).filter((text) => AUTHENTICATOR_QR.test(text));
    if (texts.length === 0) {
      throw new KeyfobError('no-qr-code', 'Keyfob found no authenticator QR code in the image.');
    }
    const bytes = utf8Encode(texts.join('\n'));
    return preview(await readImport({ name: 'pasted.txt', bytes }));
  }

  return {
    async previewImport({ name, data, password, taskId }) {
      requireUnlocked();
      const bytes = decodeBytes(data);
      const options = typeof password === 'string' && password !== '' ? { password } : {};
      const fileName = String(name ?? 'file').slice(0, 200);
      return tracked(taskId, async (onProgress) =>
        preview(await readImport({ name: fileName, bytes }, { ...options, onProgress })),
      );
    },

    async previewImage({ data }) {
      return previewQrImage(new Blob([decodeBytes(data)]));
    },

    async scanTabForQr() {
      requireUnlocked();
      let dataUrl: string;
      try {
        dataUrl = await tabs.captureVisibleTab();
      } catch {
        throw new KeyfobError(
          'capture-failed',
          'Keyfob could not see this page. Open its popup over the page and try again.',
        );
      }
      return previewQrImage(imageFromDataUrl(dataUrl));
    },

    async commitImport({ importId, selected, taskId }) {
      requireUnlocked();
      const { result, duplicates } = imports.get(importId);
      const chosen = chosenIndexes(selected, result.accounts.length).filter(
        (index) => !duplicates[index],
      );
      // The vault may have changed since the preview: what is in it now is not added twice.
      const already = await vault.findDuplicates(chosen.map((index) => result.accounts[index]!));
      const fresh = chosen.filter((_, position) => !already[position]);
      const details = result.details;
      if (details) fresh.sort((a, b) => (details[a]?.order ?? 0) - (details[b]?.order ?? 0));
      const restored = fresh.map((index) => newAccount(result.accounts[index]!, details?.[index]));
      const added = await tracked(taskId, (onProgress) =>
        vault.addAccounts(restored, { onProgress }),
      );
      // Restored accounts get new ids, so the choice is carried over to them.
      const autoFilled = added.filter(
        (account, position) =>
          details?.[fresh[position]!]?.autoFill && account.origin && account.state === 'verified',
      );
      if (autoFilled.length > 0) await autoFill.add(autoFilled.map((account) => account.id));
      imports.drop(importId);
      return { added: added.length };
    },

    async discardImport({ importId }) {
      imports.drop(String(importId));
      return { discarded: true as const };
    },

    async exportAccounts({ format, passphrase, password, taskId }) {
      if (!Object.hasOwn(EXPORT_FILES, format)) {
        throw new TransferError('unsupported-format', 'Keyfob cannot write that format.');
      }
      const vaultPassphrase = await confirmPassphrase(passphrase);
      let filePassword: string | undefined;
      if (format !== 'otpauth') {
        filePassword = typeof password === 'string' && password !== '' ? password : undefined;
        if (filePassword !== undefined) {
          const verdict = checkPassphrase(filePassword);
          if (!verdict.ok) throw new KeyfobError('password-weak', verdict.message);
        }
        filePassword ??= vaultPassphrase;
      }
      const { accounts } = await vault.list();
      const autoFillIds = await autoFill.ids();
      const entries: ExportAccount[] = accounts.map((account) => ({
        params: account.params,
        details: exportDetails(account, autoFillIds.has(account.id)),
      }));
      const bytes = await tracked(taskId, (onProgress) =>
        writeExport(entries, {
          format,
          ...(filePassword !== undefined ? { password: filePassword } : {}),
          onProgress,
        }),
      );
      const at = now();
      if (format === 'keyfob') await backups.record(at);
      const file = EXPORT_FILES[format];
      const extension = file.mimeType === 'text/plain' ? 'txt' : 'json';
      return {
        fileName: `${file.name}-${new Date(at).toISOString().slice(0, 10)}.${extension}`,
        mimeType: file.mimeType,
        data: toBase64(bytes),
        count: entries.length,
      };
    },

    async revealAccount({ id, passphrase }) {
      await confirmPassphrase(passphrase);
      const { params } = await vault.get(id);
      return { secret: params.secret, uri: formatOtpauthUri(params) };
    },

    async taskProgress({ taskId }) {
      return { fraction: progress.read(taskId) };
    },

    async backupStatus() {
      requireUnlocked();
      const lastBackupAt = await backups.lastBackupAt();
      const { accounts } = await vault.list();
      const addedSince = accounts.filter(
        (account) => lastBackupAt === null || account.createdAt > lastBackupAt,
      ).length;
      return { lastBackupAt, accounts: accounts.length, addedSince };
    },
  };
}

/** A file's bytes from the page's base64; too large or not base64 is no file we read. */
function decodeBytes(data: unknown): Uint8Array<ArrayBuffer> {
  // Base64 takes 4 characters for every 3 bytes.
  if (typeof data !== 'string' || data.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4) {
    throw new TransferError('unsupported-format', 'Keyfob cannot read this file.');
  }
  try {
    return fromBase64(data);
  } catch {
    throw new TransferError('damaged-file', 'The file did not arrive in one piece.');
  }
}

/** The captured tab as an image. */
function imageFromDataUrl(dataUrl: string): Blob {
  const match = /^data:(image\/[a-z]+);base64,(.*)$/s.exec(dataUrl);
  if (!match) throw new KeyfobError('capture-failed', 'Keyfob could not see this page.');
  return new Blob([fromBase64(match[2]!)], { type: match[1]! });
}

/** The preview rows the person ticked: whole numbers in range, each once. */
function chosenIndexes(selected: unknown, count: number): number[] {
  if (!Array.isArray(selected)) {
    throw new KeyfobError('import-invalid', 'Choose the accounts to import.');
  }
  const indexes = new Set<number>();
  for (const index of selected) {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new KeyfobError('import-invalid', 'The chosen accounts are not in this import.');
    }
    indexes.add(index as number);
  }
  return [...indexes].sort((a, b) => a - b);
}

/** Everything a Keyfob backup keeps about `account` besides its OTP parameters. */
function exportDetails(account: Account, autoFill: boolean): AccountDetails {
  const details: AccountDetails = {
    state: account.state,
    order: account.order,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
  if (account.origin) details.origin = account.origin;
  if (account.origin && account.linked) details.linked = true;
  if (account.origin && autoFill) details.autoFill = true;
  if (account.pinned) details.pinned = true;
  if (account.usedAt !== undefined) details.usedAt = account.usedAt;
  return details;
}

/** What the vault stores for one imported account; a backup brings its details along. */
function newAccount(params: OtpParams, details?: AccountDetails): NewAccount {
  if (!details) return { params, state: 'verified' };
  const account: NewAccount = {
    params,
    state: details.state,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
  // Sign-in fill trusts this binding, so only an exact web origin is kept.
  if (
    details.origin &&
    originOf(details.origin) === details.origin &&
    /^https?:/.test(details.origin)
  ) {
    account.origin = details.origin as Origin;
    if (details.linked) account.linked = true;
  }
  if (details.pinned) account.pinned = true;
  if (details.usedAt !== undefined) account.usedAt = details.usedAt;
  return account;
}
