import type { Envelope, SendMessage, VaultState } from '../messaging';
import { unwrapReply } from '../messaging/unwrap-reply';
import type { OpeningRequest } from './app';
import { chooseLanguage, type LanguageApi, type StartingLanguage } from './i18n/choose-language';
import { OPENING_ROWS } from './long-list';

/**
 * What the popup asks for before its own code has loaded: the vault's state with its codes,
 * and the language to show. A small classic script starts both (entrypoints/popup-early.ts),
 * so the background's answer overlaps the loading of the popup's modules instead of following
 * it. Nothing here is secret: codes and strings.
 */
export interface EarlyStart {
  /** When the vault's state was asked for (ms since the epoch). */
  readonly sentAt: number;
  /** The raw reply to `getVaultState({ withCodes: true })`, not yet unwrapped. */
  readonly vaultState: Promise<unknown>;
  readonly language: Promise<StartingLanguage>;
}

/** The few browser calls the early script makes, so that a test can stand in for them. */
export interface EarlyApi extends LanguageApi {
  runtime: LanguageApi['runtime'] & { sendMessage(message: unknown): Promise<unknown> };
}

/** The popup window's property the early script leaves its requests in. */
const SLOT = '__keyfobEarlyStart';
type Slot = { [SLOT]?: EarlyStart };

/**
 * The popup's first request: the vault's state, with its codes when it is open (a long list's
 * first rows: see OPENING_ROWS).
 */
const OPENING_REQUEST: Envelope<'getVaultState'> = {
  keyfob: 1,
  name: 'getVaultState',
  data: { withCodes: true, firstRows: OPENING_ROWS },
};

/** Starts the popup's first requests and leaves them for {@link takeEarlyStart}. */
export function startEarly(
  api: EarlyApi,
  win: object,
  copy: Storage | undefined,
  now = Date.now(),
): EarlyStart {
  const early: EarlyStart = {
    sentAt: now,
    vaultState: api.runtime.sendMessage(OPENING_REQUEST),
    language: chooseLanguage(api, copy),
  };
  // The popup reports a failure once it renders; until then neither may count as unhandled.
  early.vaultState.catch(() => undefined);
  early.language.catch(() => undefined);
  (win as Slot)[SLOT] = early;
  return early;
}

/**
 * The requests the early script started, once: a second caller (a reload of the view) gets
 * nothing and asks afresh. Nothing when the script did not run (a test, or a failed load).
 */
export function takeEarlyStart(win: object): EarlyStart | undefined {
  const slot = win as Slot;
  const early = slot[SLOT];
  delete slot[SLOT];
  return early;
}

/**
 * The popup's first `getVaultState`: the early script's, or, when that script did not run (it
 * failed to load), one sent now.
 */
export function openingRequest(early: EarlyStart | undefined, send: SendMessage): OpeningRequest {
  const opening = early
    ? {
        sentAt: early.sentAt,
        state: early.vaultState.then((reply) => unwrapReply<VaultState>(reply)),
      }
    : { sentAt: Date.now(), state: send('getVaultState', OPENING_REQUEST.data) };
  // Marked as handled here: the App reports a failure once it renders.
  opening.state.catch(() => undefined);
  return opening;
}

/**
 * How long the first render waits for the vault's answer, so that the popup opens on its codes
 * rather than on a "Loading" line that flashes for a moment; a slower answer (a worker that
 * was asleep) gets the line.
 */
export const ANSWER_WAIT_MS = 150;

/** `opening`, with its answer when that comes within `waitMs`. */
export async function answeredWithin(
  opening: OpeningRequest,
  waitMs = ANSWER_WAIT_MS,
): Promise<OpeningRequest> {
  let stopTimer = () => {};
  const timeUp = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    stopTimer = () => clearTimeout(timer);
  });
  const answered = await Promise.race([
    opening.state.then(
      (state) => ({ state, receivedAt: Date.now() }),
      () => undefined,
    ),
    timeUp,
  ]);
  stopTimer();
  return answered ? { ...opening, answered } : opening;
}
