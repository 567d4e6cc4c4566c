import { configure } from '@testing-library/preact';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../../src/background/background';
import type { TabsApi } from '../../../src/background/tabs';
import type { ContentCommand } from '../../../src/messaging/content-protocol';
import {
  createMessageClient,
  type Envelope,
  type SendMessage,
  type Settings,
} from '../../../src/messaging';
import { generateCode } from '../../../src/otp';
import type { AccountId } from '../../../src/shared';
import { createMemoryVaultStore, type Account } from '../../../src/vault';
import {
  PASSPHRASE,
  TEST_ITERATIONS,
  opensVault,
  readVault,
  secretFor,
  seedVault,
  type SeedAccount,
} from './seed-vault';
import { loadShippedCatalogue } from '../catalogues';

// The real background does real crypto: on a busy machine an answer can take longer than
// testing-library's default second. Waiting longer costs nothing when answers are quick.
configure({ asyncUtilTimeout: 5000 });

/** The popup as the browser reports it to the background. */
const POPUP = { id: 'keyfob-id', url: 'chrome-extension://keyfob-id/popup.html' };
const OURS = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };

/** A setup a site refused: the background's own enrollment turns it into a notice. */
export interface SeedRefusal {
  origin: string;
  /** A Cognito error name after which the setup can no longer finish. */
  errorName: string;
}

/** What the background holds before the popup opens. */
export interface BackgroundOptions {
  /** A vault exists (default true). */
  exists?: boolean;
  /** And is unlocked (default true). */
  unlocked?: boolean;
  accounts?: SeedAccount[];
  /** How many records on disk will not open. */
  damaged?: number;
  /** Setups sites refused, oldest first. */
  refusals?: SeedRefusal[];
  settings?: Partial<Settings>;
  /** How far the background clock runs ahead of the popup's (`Date.now`). */
  clockSkewMs?: number;
  /** URL of the tab the popup opens over (`null`: one Keyfob may not see). */
  tabUrl?: string | null;
  /** What the QR decoder reads in any image, the visible tab's screenshot too (default none). */
  qrCodes?: string[];
  /** A Keyfob backup of the seeded accounts was saved (default false). */
  backedUp?: boolean;
  /** Cognito answered with a Date this far ahead of the background's clock (default none). */
  serverAheadMs?: number;
}

/** The Cognito API host the harness's server answers come from. */
export const SERVER_HOST = 'cognito-idp.eu-west-1.amazonaws.com';

/**
 * The REAL background (message server, vault, settings, enrollment, tab handlers) running in
 * this process over an in-memory vault store and WXT's `fakeBrowser` storage, for component
 * tests. Only the KDF is cheaper, and the browser's tabs are a stand-in that records what
 * the background sends into the page.
 *
 * `send` goes through the real message client and is a vi.fn, so tests can count requests or
 * make one fail; `elsewhere` is another window's client, not counted.
 */
export async function startTestBackground(options: BackgroundOptions = {}) {
  fakeBrowser.reset();
  const skew = options.clockSkewMs ?? 0;
  const now = () => Date.now() + skew;
  const store = createMemoryVaultStore();
  const page: { url: string | null; reply: unknown } = {
    url: options.tabUrl ?? null,
    reply: { done: true },
  };
  const commands: ContentCommand[] = [];
  const tabs: TabsApi = {
    activeTab: async () => (page.url === null ? { id: 1 } : { id: 1, url: page.url }),
    sendToTopFrame: async (_tabId, command) => {
      commands.push(command);
      return page.reply;
    },
    loadHelper: async () => {},
    injectContentScripts: async () => {},
    setBadge: async () => {},
    // Any image will do: the fake decoder below says what the page shows.
    captureVisibleTab: async () => 'data:image/png;base64,iVBORw0KGgo=',
  };

  const exists = options.exists ?? true;
  const { ids, vaultKey } = exists
    ? await seedVault(store, options.accounts ?? [], options.damaged ?? 0)
    : { ids: [], vaultKey: undefined };
  const onDisk = () => {
    if (!vaultKey) throw new Error('there is no vault to read');
    return readVault(store, vaultKey);
  };

  const background = createBackground({
    loadCatalogue: loadShippedCatalogue,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    alarms: fakeBrowser.alarms,
    openStore: async () => store,
    tabs,
    decodeQr: async () => null,
    decodeQrImage: async () => [...(options.qrCodes ?? [])],
    ours: OURS,
    now,
    iterations: TEST_ITERATIONS,
  });

  let inFlight = 0;
  // As the real channel does, every message and reply is a structured clone.
  const transport = async (envelope: Envelope) => {
    inFlight += 1;
    try {
      return structuredClone(await background.handleMessage(structuredClone(envelope), POPUP));
    } finally {
      inFlight -= 1;
    }
  };
  const elsewhere: SendMessage = createMessageClient(transport);
  const mock = vi.fn(createMessageClient(transport));
  const send = mock as unknown as SendMessage;

  /**
   * Cognito answered, as the browser saw it, with its clock `aheadMs` ahead. The answer
   * arrives on a whole second, so Keyfob learns `aheadMs` + 500 ms exactly.
   */
  const serverAnswer = (aheadMs: number) => {
    const arrivedAtMs = Math.floor(now() / 1000) * 1000;
    return background.handleServerTime({
      date: new Date(arrivedAtMs + aheadMs).toUTCString(),
      arrivedAtMs,
      host: SERVER_HOST,
    });
  };

  if (options.settings) await elsewhere('updateSettings', options.settings);
  if (options.serverAheadMs !== undefined) await serverAnswer(options.serverAheadMs);
  if (exists) {
    await elsewhere('unlockVault', { passphrase: PASSPHRASE });
    await seedRefusals(background, options.refusals ?? []);
    if (options.backedUp) {
      await elsewhere('exportAccounts', { format: 'keyfob', passphrase: PASSPHRASE });
    }
    if (!(options.unlocked ?? true)) await elsewhere('lockVault', {});
  }

  /** The account with this id as it is on disk now (read with the vault key). */
  const account = async (id: string): Promise<Account> => (await onDisk()).get(id as AccountId);

  return {
    send,
    mock,
    elsewhere,
    /** Ids of the seeded accounts, in order. */
    ids,
    /**
     * The tab the popup was opened over; set `url` to navigate it, `reply` for what its
     * content script answers a command (default: done).
     */
    page,
    /** Commands the background sent into the page, in order. */
    commands,
    /** How many times a verb has been sent through `send`. */
    calls: (name: string) => mock.mock.calls.filter(([called]) => called === name).length,
    /** Every account on disk, in list order. */
    accounts: async () =>
      (await (await onDisk()).list()).accounts.sort((a, b) => a.order - b.order),
    account,
    /** The id of the one account whose issuer or name is `text`. */
    idOf: async (text: string) => {
      const { accounts } = await (await onDisk()).list();
      const found = accounts.filter((a) => a.params.issuer === text || a.params.account === text);
      if (found.length !== 1) throw new Error(`${found.length} accounts are called "${text}"`);
      return found[0]!.id;
    },
    /** The code of an account at a moment of the background clock (default: now). */
    codeOf: async (id: string, atMs = now()) => generateCode((await account(id)).params, atMs),
    /**
     * The codes a popup rendered a moment ago may show: now's and the previous step's, for
     * assertions on real time that a step change may fall between (`toBeOneOf`).
     */
    recentCodes: async (id: string) => {
      const { params } = await account(id);
      const at = now();
      const earlier = params.type === 'hotp' ? at : at - params.period * 1000;
      return [...new Set([await generateCode(params, at), await generateCode(params, earlier)])];
    },
    /** Whether a passphrase opens the vault on disk now. */
    opens: (passphrase: string) => opensVault(store, passphrase),
    serverAnswer,
    /** Requests still being answered. */
    busy: () => inFlight > 0,
  };
}

/** What {@link startTestBackground} gives a test. */
export type TestBackground = Awaited<ReturnType<typeof startTestBackground>>;

async function seedRefusals(
  background: ReturnType<typeof createBackground>,
  refusals: SeedRefusal[],
): Promise<void> {
  for (const [index, { origin, errorName }] of refusals.entries()) {
    const sender = { id: OURS.id, url: `${origin}/setup`, tab: { id: 100 + index } };
    const ask = (name: string, data: object) =>
      background.handleMessage({ keyfob: 1, name, data }, sender);
    await ask('reportSetupScreen', { source: 'dom', secret: secretFor(200 + index), hints: {} });
    await ask('reportVerifyOutcome', { outcome: { kind: 'error', errorName } });
  }
}
