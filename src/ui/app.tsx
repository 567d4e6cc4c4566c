import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SendMessage, VaultState } from '../messaging';
import { errorMessage, guardLocked } from './errors';
import { t } from './i18n';
import { lazyView } from './components/lazy';
import { UnlockPage } from './pages/unlock-page';
import { type ClipboardWriter, VaultPage } from './pages/vault-page';
import { type Screen, type VaultView, lockedNotice, screenFor } from './screens';

// Shown once, on the first run: its code stays out of every later popup's first load.
const CreateVaultPage = lazyView(() =>
  import('./pages/create-vault-page').then((m) => m.CreateVaultPage),
);

/** What the popup needs from the outside world; tests pass fakes. */
export interface AppProps {
  /** Typed requests to the background (see `createMessageClient`). */
  send: SendMessage;
  /** Defaults to `navigator.clipboard`. */
  clipboard?: ClipboardWriter;
  /** Popup clock in ms since the epoch; defaults to `Date.now`. */
  now?: () => number;
  /**
   * Opens the options page (`runtime.openOptionsPage` in the extension). Passed in so the UI
   * never touches `browser.*` itself; without it, Settings has no "Open preferences" button.
   */
  openOptions?: () => Promise<void>;
  /** Opens the options page at "Backup & import"; without it the popup offers neither. */
  openBackup?: () => Promise<void>;
  /**
   * `getVaultState({ withCodes: true })` already sent, with the `now()` it was sent at: the
   * popup asks while its language loads, so the first paint waits for one thing, not two in a
   * row. Used for the first load only.
   */
  opening?: OpeningRequest;
}

/** A first `getVaultState` request started before the popup rendered. */
export interface OpeningRequest {
  sentAt: number;
  state: Promise<VaultState>;
  /** Its answer, when that came before the first render: the popup starts on it. */
  answered?: { state: VaultState; receivedAt: number };
}

/** The screen for the vault's state; an open vault's list starts from the listing it came with. */
function openingScreen(state: VaultState, sentAt: number, receivedAt: number): Screen {
  const next = screenFor(state);
  return next.name === 'vault' && state.listing
    ? { ...next, first: { listing: state.listing, sentAt, receivedAt } }
    : next;
}

// Module-level defaults keep their identity across renders, so hooks that depend on them do
// not restart their timers on every render.
const systemClipboard: ClipboardWriter = {
  writeText: (text) => navigator.clipboard.writeText(text),
};
const systemNow = () => Date.now();

/**
 * The popup: asks the background what state the vault is in and shows the matching screen
 * (create, unlock, or the unlocked vault). Any request that finds the vault locked brings the
 * unlock screen back.
 */
export function App({
  send,
  clipboard = systemClipboard,
  now = systemNow,
  openOptions,
  openBackup,
  opening,
}: AppProps) {
  // An answer that came before the first render is shown by it: no "Loading" frame first.
  const [screen, setScreen] = useState<Screen>(() =>
    opening?.answered
      ? openingScreen(opening.answered.state, opening.sentAt, opening.answered.receivedAt)
      : { name: 'loading' },
  );
  const unusedOpening = useRef(opening);

  const guardedSend = useMemo(
    () => guardLocked(send, () => setScreen({ name: 'unlock', notice: lockedNotice() })),
    [send],
  );

  const load = useCallback(async () => {
    setScreen({ name: 'loading' });
    try {
      // With the codes: an unlocked vault's list paints without a second request.
      const early = unusedOpening.current;
      unusedOpening.current = undefined;
      const sentAt = early?.sentAt ?? now();
      const state = await (early?.state ?? guardedSend('getVaultState', { withCodes: true }));
      setScreen(openingScreen(state, sentAt, now()));
    } catch (failure) {
      setScreen({ name: 'unavailable', message: errorMessage(failure) });
    }
  }, [guardedSend, now]);

  useEffect(() => {
    if (unusedOpening.current?.answered) unusedOpening.current = undefined;
    else void load();
  }, [load]);

  const show = useCallback((state: VaultState) => setScreen(screenFor(state)), []);
  const navigate = useCallback((view: VaultView) => setScreen({ name: 'vault', view }), []);
  const lock = useCallback(async () => {
    show(await guardedSend('lockVault', {}));
  }, [guardedSend, show]);

  switch (screen.name) {
    case 'loading':
      return (
        <main class="page page-auth">
          <p class="muted">{t('appLoading')}</p>
        </main>
      );
    case 'unavailable':
      return (
        <main class="page page-auth">
          <h1>{t('extName')}</h1>
          <p class="alert" role="alert">
            {screen.message}
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void load()}>
              {t('actionTryAgain')}
            </button>
          </div>
        </main>
      );
    case 'create':
      return <CreateVaultPage send={guardedSend} onCreated={show} />;
    case 'unlock':
      return <UnlockPage send={guardedSend} notice={screen.notice} onUnlocked={show} />;
    case 'vault':
      return (
        <VaultPage
          view={screen.view}
          navigate={navigate}
          send={guardedSend}
          clipboard={clipboard}
          now={now}
          firstListing={screen.first}
          onLock={lock}
          openOptions={openOptions}
          openBackup={openBackup}
        />
      );
  }
}
