import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountSort, AccountView, BackupStatus, SendMessage } from '../../messaging';
import { ErrorAlert } from '../components/field';
import type { Place } from '../hooks/use-reorder';
import { GearIcon, LockIcon, PlusIcon } from '../components/icons';
import { errorMessage } from '../errors';
import { accountName, isWebOrigin } from '../format';
import { t, tCount } from '../i18n';
import { useActiveTab } from '../hooks/use-active-tab';
import { ANNOUNCE_MS, useAnnouncer } from '../hooks/use-announcer';
import { type FirstListing, useCodes } from '../hooks/use-codes';
import type { VaultView } from '../screens';
import { lazyView } from '../components/lazy';
import { setupQuestions } from '../setup-question-list';
import { CodesPage } from './codes-page';

// Views a person opens now and then come in when first shown: the list paints without them.
const AddAccountPage = lazyView(() => import('./add-account-page').then((m) => m.AddAccountPage));
const EditAccountPage = lazyView(() =>
  import('./edit-account-page').then((m) => m.EditAccountPage),
);
const SettingsPage = lazyView(() => import('./settings-page').then((m) => m.SettingsPage));
// Only after a QR code on the page held several accounts.
const ImportPreviewList = lazyView(() =>
  import('../components/import-preview').then((m) => m.ImportPreviewList),
);
// Parts of the list view that show only now and then: after a reply (the backup reminder),
// on a site with accounts (automatic fill), with setups to confirm, after a delete (Undo).
const BackupReminder = lazyView(() =>
  import('../components/backup-reminder').then((m) => m.BackupReminder),
);
const SiteAutoFill = lazyView(() =>
  import('../components/site-auto-fill').then((m) => m.SiteAutoFill),
);
const SetupQuestions = lazyView(() =>
  import('../components/setup-questions').then((m) => m.SetupQuestions),
);
const UndoBar = lazyView(() => import('../components/undo-bar').then((m) => m.UndoBar));
const LAZY_VIEWS = [AddAccountPage, EditAccountPage, SettingsPage, UndoBar];

/** Where codes are copied to: `navigator.clipboard` in the popup, a fake in tests. */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

/** Props of {@link VaultPage}. */
export interface VaultPageProps {
  view: VaultView;
  navigate(view: VaultView): void;
  send: SendMessage;
  clipboard: ClipboardWriter;
  now: () => number;
  /** A listing that came with the popup's first request, and when (popup clock). */
  firstListing?: FirstListing | undefined;
  /** Locks the vault; the app then shows the unlock screen. */
  onLock(): Promise<void>;
  /** Opens the extension's options page; Settings offers "Open preferences" only with it. */
  openOptions?: (() => Promise<void>) | undefined;
  /** Opens the options page at "Backup & import". */
  openBackup?: (() => Promise<void>) | undefined;
}

type HeaderTarget = 'add' | 'settings';

/**
 * The unlocked vault: a header (Add account, Settings, Lock), the current view, and one status
 * region for short confirmations. It stays mounted across its views so the code listing, its
 * refresh timer, the search text and dismissed messages survive a trip to "Edit" and back.
 */
export function VaultPage({
  view,
  navigate,
  send,
  clipboard,
  now,
  firstListing,
  onLock,
  openOptions,
  openBackup,
}: VaultPageProps) {
  const codes = useCodes(send, now, firstListing);
  const tab = useActiveTab(send, codes.listing && codes.received);
  const siteIds = useMemo(() => new Set<string>(tab.accountIds), [tab.accountIds]);
  const [dismissedNotices, setDismissedNotices] = useState<ReadonlySet<string>>(new Set());
  const [status, announce] = useAnnouncer();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [copiedId, setCopiedId] = useState<string>();
  const [focusId, setFocusId] = useState<string>();
  const [headerFocus, setHeaderFocus] = useState<HeaderTarget>();
  const [backup, setBackup] = useState<BackupStatus>();
  const [importing, setImporting] = useState(false);
  // The person's choice in this popup; until then, the one the listing came with.
  const [sortChoice, setSortChoice] = useState<AccountSort>();
  const sort = sortChoice ?? codes.listing?.sort ?? 'manual';
  /** The account just deleted, while its Undo is offered. */
  const [deleted, setDeleted] = useState<AccountView>();
  const addRef = useRef<HTMLButtonElement>(null);
  const settingsRef = useRef<HTMLButtonElement>(null);

  const go = useCallback(
    (next: VaultView) => {
      setError(undefined);
      navigate(next);
    },
    [navigate],
  );

  // Back on the list, focus returns to the control that left it, not to the top of the page.
  useLayoutEffect(() => {
    if (view.name !== 'list' || !headerFocus) return;
    (headerFocus === 'add' ? addRef : settingsRef).current?.focus();
    setHeaderFocus(undefined);
  }, [view.name, headerFocus]);

  // Once the list is on screen, fetch the other views' code in the background.
  const listed = codes.listing !== undefined;
  useEffect(() => {
    if (!listed) return;
    const timer = setTimeout(() => LAZY_VIEWS.forEach((view) => void view.prefetch()), 500);
    return () => clearTimeout(timer);
  }, [listed]);

  useEffect(() => {
    if (!copiedId) return;
    const timer = setTimeout(() => setCopiedId(undefined), ANNOUNCE_MS);
    return () => clearTimeout(timer);
  }, [copiedId]);

  const copy = useCallback(
    async (account: AccountView) => {
      try {
        await clipboard.writeText(account.code);
        setCopiedId(account.id);
        announce(t('toastCopied'));
        // For "clear copied codes": the background decides whether and when.
        void send('codeCopied', { id: account.id, code: account.code }).catch(() => {});
      } catch {
        announce(t('toastCopyFailed'));
      }
    },
    [clipboard, announce, send],
  );

  const nextCode = useCallback(
    async (account: AccountView) => {
      try {
        const updated = await send('nextHotpCode', { id: account.id });
        codes.upsert(updated);
        announce(t('toastNewCode', accountName(updated)));
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [send, codes.upsert, announce],
  );

  const fill = useCallback(
    async (account: AccountView) => {
      setError(undefined);
      try {
        await send('fillActiveTab', { id: account.id });
        announce(t('toastFilled'));
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [send, announce],
  );

  const changeSort = useCallback(
    (next: AccountSort) => {
      setSortChoice(next);
      send('updateSettings', { accountSort: next }).catch((failure: unknown) =>
        setError(errorMessage(failure)),
      );
    },
    [send],
  );

  const pin = useCallback(
    async (account: AccountView) => {
      setError(undefined);
      try {
        const updated = await send('pinAccount', { id: account.id, pinned: !account.pinned });
        codes.upsert(updated);
        announce(t(updated.pinned ? 'statusPinned' : 'statusUnpinned', accountName(updated)));
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [send, codes.upsert, announce],
  );

  const move = useCallback(
    async (account: AccountView, order: number, place: Place) => {
      setError(undefined);
      // Moved on screen at once; the background's answer confirms it (or a reload undoes it).
      codes.upsert({ ...account, order });
      setFocusId(account.id);
      try {
        codes.upsert(await send('moveAccount', { id: account.id, order }));
        announce(t('statusMoved', accountName(account), place.position, place.count));
      } catch (failure) {
        setError(errorMessage(failure));
        void codes.reload();
      }
    },
    [send, codes.upsert, codes.reload, announce],
  );

  const undoDelete = useCallback(async () => {
    if (!deleted) return;
    setDeleted(undefined);
    setError(undefined);
    try {
      const restored = await send('restoreAccount', { id: deleted.id });
      codes.upsert(restored);
      announce(t('statusRestored', accountName(restored)));
      setQuery('');
      setFocusId(restored.id);
      navigate({ name: 'list' });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [deleted, send, codes.upsert, announce, navigate]);
  const endUndo = useCallback(() => setDeleted(undefined), []);

  const enroll = useCallback(async () => {
    setError(undefined);
    try {
      await send('enrollActiveTab', {});
      announce(t('toastEnrolling'));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [send, announce]);

  const asksSetups = useMemo(() => {
    const { unfinished, choices } = setupQuestions(codes.received);
    return unfinished.length > 0 || choices.length > 0;
  }, [codes.received]);

  // Asked again whenever the number of accounts changes: an add may make a backup due.
  const accountCount = codes.listing?.accounts.length;
  useEffect(() => {
    if (accountCount === undefined || !openBackup) return;
    let current = true;
    send('backupStatus', {}).then(
      (status) => current && setBackup(status),
      // The reminder is a nudge, not a feature the popup fails without.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [send, accountCount, openBackup]);

  const backUp = useCallback(() => {
    void openBackup?.().catch((failure: unknown) => setError(errorMessage(failure)));
  }, [openBackup]);

  const scan = useCallback(async () => {
    setError(undefined);
    announce(t('toastScanning'));
    try {
      go({ name: 'import', preview: await send('scanTabForQr', {}) });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [send, announce, go]);

  const confirmImport = async (importId: string, selected: number[]) => {
    setImporting(true);
    try {
      const { added } = await send('commitImport', { importId, selected });
      await codes.reload();
      setQuery('');
      announce(tCount(added, 'toastAddedOne', 'toastAddedOther'));
      backToList({ header: 'add' });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setImporting(false);
    }
  };

  const dismissNotice = useCallback(
    (key: string) => setDismissedNotices((current) => new Set(current).add(key)),
    [],
  );

  const edit = useCallback((account: AccountView) => go({ name: 'edit', account }), [go]);
  const clearFocusId = useCallback(() => setFocusId(undefined), []);

  const lock = async () => {
    try {
      await onLock();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const backToList = (focus?: { row?: string; header?: HeaderTarget }) => {
    setFocusId(focus?.row);
    setHeaderFocus(focus?.header);
    go({ name: 'list' });
  };

  let content;
  switch (view.name) {
    case 'list':
      content = (
        <>
          {backup && openBackup && <BackupReminder status={backup} onBackup={backUp} />}
          {asksSetups && codes.listing && (
            <SetupQuestions
              accounts={codes.listing.accounts}
              send={send}
              onChanged={() => void codes.reload()}
            />
          )}
          <CodesPage
            codes={codes}
            query={query}
            onQuery={setQuery}
            copiedId={copiedId}
            onCopy={copy}
            onNextCode={nextCode}
            onEdit={edit}
            focusId={focusId}
            onFocused={clearFocusId}
            siteIds={siteIds}
            onFill={fill}
            siteExtra={
              tab.origin && siteIds.size > 0 ? (
                <SiteAutoFill send={send} origin={tab.origin} />
              ) : undefined
            }
            canEnroll={isWebOrigin(tab.origin)}
            onEnroll={enroll}
            dismissedNotices={dismissedNotices}
            onDismissNotice={dismissNotice}
            sort={sort}
            onSort={changeSort}
            onPin={pin}
            onMove={move}
          />
          <div class="tools">
            <button type="button" onClick={() => void scan()}>
              {t('vaultScanQr')}
            </button>
            {openBackup && (
              <button type="button" onClick={backUp}>
                {t('backupHeading')}
              </button>
            )}
          </div>
        </>
      );
      break;
    case 'import':
      content = (
        <ImportPreviewList
          key={view.preview.importId}
          preview={view.preview}
          busy={importing}
          headingLevel={3}
          onConfirm={(selected) => void confirmImport(view.preview.importId, selected)}
          onCancel={() => {
            void send('discardImport', { importId: view.preview.importId }).catch(() => {});
            backToList({ header: 'add' });
          }}
        />
      );
      break;
    case 'add':
      content = (
        <AddAccountPage
          send={send}
          onAdded={(account) => {
            codes.upsert(account);
            void codes.reload();
            // The new row must be visible to take focus.
            setQuery('');
            announce(t('toastAdded', accountName(account)));
            backToList({ row: account.id });
          }}
          onCancel={() => backToList({ header: 'add' })}
        />
      );
      break;
    case 'edit':
      content = (
        <EditAccountPage
          key={view.account.id}
          send={send}
          account={view.account}
          tabOrigin={tab.origin}
          onSaved={(account) => {
            codes.upsert(account);
            announce(t('toastSaved'));
            backToList({ row: account.id });
          }}
          onSiteChanged={(account, message) => {
            codes.upsert(account);
            announce(message);
            backToList({ row: account.id });
          }}
          onDeleted={(account) => {
            codes.remove(account.id);
            setDeleted(account);
            void codes.reload();
            announce(t('toastDeleted', accountName(account)));
            backToList({ header: 'add' });
          }}
          onCancel={() => backToList({ row: view.account.id })}
        />
      );
      break;
    case 'settings':
      content = (
        <SettingsPage
          send={send}
          announce={announce}
          onBack={() => backToList({ header: 'settings' })}
          openOptions={openOptions}
        />
      );
      break;
  }

  return (
    <div class="vault">
      <header class="bar">
        <h1 class="brand">{t('extName')}</h1>
        <div class="bar-actions">
          <button
            type="button"
            ref={addRef}
            class="bar-button"
            aria-current={view.name === 'add' ? 'page' : undefined}
            onClick={() => go({ name: 'add' })}
          >
            <PlusIcon />
            {t('addHeading')}
          </button>
          <button
            type="button"
            ref={settingsRef}
            class="icon-button"
            aria-label={t('settingsHeading')}
            title={t('settingsHeading')}
            aria-current={view.name === 'settings' ? 'page' : undefined}
            onClick={() => go({ name: 'settings' })}
          >
            <GearIcon />
          </button>
          <button type="button" class="bar-button" onClick={lock}>
            <LockIcon />
            {t('vaultLock')}
          </button>
        </div>
      </header>
      <main class="content">
        <ErrorAlert message={error} />
        {content}
      </main>
      {deleted && (
        <UndoBar
          message={t('undoDeleted', accountName(deleted))}
          onUndo={() => void undoDelete()}
          onExpire={endUndo}
        />
      )}
      <p class="toast" role="status">
        {status}
      </p>
    </div>
  );
}
