import type { DomSnapshot } from './dom-helpers';
import type { BrowserName } from './env';
import { WaitAbort, waitFor } from './wait';

/**
 * The few things the page object needs from a browser automation library. Each driver
 * implements it with its own library (Playwright for Chromium, puppeteer/BiDi for Firefox).
 */
export interface UiAdapter {
  /** Sets the value of the one visible field whose accessible name is exactly `label`. */
  fill(label: string, value: string): Promise<void>;
  /** Clicks the one visible button (or tab) whose accessible name is exactly `name`. */
  click(name: string): Promise<void>;
  /** Chooses the option with `value` in the one visible select named exactly `label`. */
  select(label: string, value: string): Promise<void>;
  /** Presses a key chord such as `Alt+ArrowDown` on whatever has focus, as a person would. */
  pressKeys(chord: string): Promise<void>;
  /**
   * Drags with the automation's mouse: moves to `from`, holds the button, moves to `to` in
   * `steps` moves and lets go (CSS pixels of the viewport). Only where the library can: over
   * WebDriver BiDi a drag starts but the release never ends it (w3c/webdriver-bidi#487).
   */
  drag?(from: Point, to: Point, steps: number): Promise<void>;
  /** Runs a DOM_HELPERS_SOURCE method in the page and returns its JSON result. */
  helper<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Evaluates an expression (source text) in the page. */
  evaluate<T>(expression: string): Promise<T>;
  /** Presses a key (such as "Escape") on whatever has focus. */
  key(key: string): Promise<void>;
  /** Makes the page see `prefers-color-scheme: scheme` (only where the library offers it). */
  emulateColorScheme?(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

/** A point in CSS pixels of a page's viewport. */
export interface Point {
  x: number;
  y: number;
}

/** The screens of the popup contract. */
export type PopupState = 'loading' | 'first-run' | 'locked' | 'unlocked' | 'adding';

/** One account row as the popup shows it. */
export interface CodeRow {
  id: string;
  /** All the row's visible text (issuer and account name among it). */
  text: string;
  /** The `data-code` attribute of the row's `[data-testid="code"]`. */
  code: string | null;
}

/** Rows read from the popup, with the clock around the read for the TOTP oracle. */
export interface CodeReading {
  rows: CodeRow[];
  beforeMs: number;
  afterMs: number;
}

/** Fields of the "Enter manually" form. */
export interface ManualAccount {
  issuer: string;
  account: string;
  secret: string;
}

/** What an unlock attempt led to. */
export interface UnlockOutcome {
  state: PopupState;
  alert: string | null;
}

/** Digits, or a Steam Guard code (5 characters of Steam's alphabet). */
const CODE_PATTERN = /^(\d{6,10}|[23456789BCDFGHJKMNPQRTVWXY]{5})$/;

function stateOf(snapshot: DomSnapshot): PopupState {
  if (snapshot.addView) return 'adding';
  if (snapshot.firstRun) return 'first-run';
  if (snapshot.unlockButton) return 'locked';
  if (snapshot.lockButton || snapshot.accountsList) return 'unlocked';
  return 'loading';
}

/** Reads the account name out of an otpauth URI's label. */
export function accountFromUri(uri: string): string {
  const label = decodeURIComponent(new URL(uri).pathname.replace(/^\/+/, ''));
  const colon = label.indexOf(':');
  return (colon >= 0 ? label.slice(colon + 1) : label).trim();
}

/**
 * The popup, driven through accessible names and the data attributes of the UI contract
 * (test/e2e/README.md). The same methods work in every browser.
 */
export class PopupPage {
  constructor(
    readonly browser: BrowserName,
    private readonly ui: UiAdapter,
  ) {}

  /** Presses "Fill code for <name>", shown for the accounts of the page behind the popup. */
  async fillCodeInPage(name: string): Promise<void> {
    await this.ui.click(`Fill code for ${name}`);
  }

  /** Presses "Enroll on this page". */
  async enrollOnThisPage(): Promise<void> {
    await this.ui.click('Enroll on this page');
  }

  /** Fills the one visible field named `label` (on any extension page this object drives). */
  fill(label: string, value: string): Promise<void> {
    return this.ui.fill(label, value);
  }

  /** Picks `value` in the one visible select named `label`, as a person's choice would. */
  async choose(label: string, value: string): Promise<void> {
    await waitFor(async () => (await this.ui.helper<boolean>('fill', label, value)) || undefined, {
      timeoutMs: 10_000,
      what: `a select named ${JSON.stringify(label)} to take ${JSON.stringify(value)}`,
    });
  }

  /** Presses a key (such as "Escape") on whatever has focus. */
  key(key: string): Promise<void> {
    return this.ui.key(key);
  }

  /** Makes the page see the system's colour scheme as `scheme` (Chromium). */
  async emulateColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    if (!this.ui.emulateColorScheme) throw new Error(`${this.browser}: no colour-scheme emulation`);
    await this.ui.emulateColorScheme(scheme);
  }

  /** Presses the one visible button named `name`. */
  press(name: string): Promise<void> {
    return this.ui.click(name);
  }

  /** Chooses `value` in the one visible select named `label`. */
  select(label: string, value: string): Promise<void> {
    return this.ui.select(label, value);
  }

  /** Presses a key chord (`Alt+ArrowDown`) on the focused element. */
  pressKeys(chord: string): Promise<void> {
    return this.ui.pressKeys(chord);
  }

  /** Drags the automation's mouse from `from` to `to` (see UiAdapter.drag; Chromium). */
  async drag(from: Point, to: Point, steps = 10): Promise<void> {
    if (!this.ui.drag) throw new Error(`${this.browser}: automation's mouse can't drag here`);
    await this.ui.drag(from, to, steps);
  }

  /**
   * Waits until the page's text contains `text`; an alert that was not there before ends the
   * wait at once, with its text.
   */
  async waitForText(text: string, timeoutMs = 30_000): Promise<void> {
    const before = await this.readAlert();
    await waitFor(
      async () => {
        const shown = await this.ui.evaluate<string>('document.body.innerText');
        if (shown.includes(text)) return true;
        const alert = await this.readAlert();
        if (!alert || alert === before) return undefined;
        // The alert may have come up between the two reads, carrying the very text awaited.
        const now = await this.ui.evaluate<string>('document.body.innerText');
        if (now.includes(text)) return true;
        throw new WaitAbort(`alert instead: ${alert}`);
      },
      { timeoutMs, what: `the page to show ${JSON.stringify(text)}` },
    );
  }

  /** The DOM facts the state machine is read from. */
  snapshot(): Promise<DomSnapshot> {
    return this.ui.helper<DomSnapshot>('snapshot');
  }

  /** Which screen is showing now. */
  async state(): Promise<PopupState> {
    return stateOf(await this.snapshot());
  }

  /** Waits until the popup shows one of `states`; the error says what it showed instead. */
  async waitForState(states: PopupState[], timeoutMs = 15_000): Promise<PopupState> {
    let last: DomSnapshot | undefined;
    try {
      return await waitFor(
        async () => {
          last = await this.snapshot();
          const state = stateOf(last);
          return states.includes(state) ? state : undefined;
        },
        { timeoutMs, what: `popup state ${states.join(' | ')}` },
      );
    } catch (error) {
      const seen = last ? `; last DOM snapshot: ${JSON.stringify(last)}` : '';
      throw new Error(`${(error as Error).message}${seen}`, { cause: error });
    }
  }

  /** The visible role="alert" texts joined, or null. */
  async readAlert(): Promise<string | null> {
    const alerts = await this.ui.helper<string[]>('alerts');
    return alerts.length ? alerts.join(' | ') : null;
  }

  /** First run: sets a passphrase and waits for the unlocked vault. */
  async createVault(passphrase: string, confirmation = passphrase): Promise<void> {
    await this.waitForState(['first-run']);
    await this.ui.fill('Passphrase', passphrase);
    await this.ui.fill('Confirm passphrase', confirmation);
    await this.ui.click('Create vault');
    await this.settle(['unlocked'], 'Create vault', 30_000);
  }

  /** Tries a passphrase and reports where it led (the error alert included). */
  async tryUnlock(passphrase: string): Promise<UnlockOutcome> {
    await this.waitForState(['locked']);
    const before = await this.readAlert();
    await this.ui.fill('Passphrase', passphrase);
    await this.ui.click('Unlock');
    const state = await waitFor(
      async () => {
        const snapshot = await this.snapshot();
        const alert = snapshot.alerts.join(' | ') || null;
        const now = stateOf(snapshot);
        if (now === 'unlocked') return now;
        if (now === 'locked' && alert && alert !== before) return now;
        return undefined;
      },
      { timeoutMs: 30_000, what: 'the unlock attempt to end (unlocked, or a new alert)' },
    );
    return { state, alert: await this.readAlert() };
  }

  /** Unlocks, or throws with the alert the popup showed. */
  async unlock(passphrase: string): Promise<void> {
    const outcome = await this.tryUnlock(passphrase);
    if (outcome.state !== 'unlocked') {
      throw new Error(`Unlock failed: popup is ${outcome.state}, alert: ${outcome.alert}`);
    }
  }

  /** Presses "Lock" and waits for the locked screen. */
  async lock(): Promise<void> {
    await this.waitForState(['unlocked']);
    await this.ui.click('Lock');
    await this.waitForState(['locked']);
  }

  /** Adds an account through "Paste URI"; waits for its row in the list. */
  async addByUri(uri: string, expectInRow = accountFromUri(uri)): Promise<CodeRow> {
    await this.openAddView();
    const snapshot = await this.snapshot();
    if (!snapshot.addView || !(await this.hasField('otpauth URI'))) {
      await this.ui.click('Paste URI');
    }
    await this.ui.fill('otpauth URI', uri);
    await this.ui.click('Add');
    return this.waitForRow(expectInRow, 'Add (Paste URI)');
  }

  /** Adds an account through "Enter manually"; waits for its row in the list. */
  async addManually(account: ManualAccount): Promise<CodeRow> {
    await this.openAddView();
    await this.ui.click('Enter manually');
    await this.ui.fill('Issuer', account.issuer);
    await this.ui.fill('Account', account.account);
    await this.ui.fill('Secret', account.secret);
    await this.ui.click('Add');
    return this.waitForRow(account.account, 'Add (Enter manually)');
  }

  /**
   * Reads every account row once all of them show a code, with the clock before and after
   * the read (for the TOTP oracle).
   */
  async readCodes(minRows = 1): Promise<CodeReading> {
    await this.waitForState(['unlocked']);
    return waitFor(
      async () => {
        const beforeMs = Date.now();
        const rows = await this.ui.helper<CodeRow[] | null>('rows');
        const afterMs = Date.now();
        if (!rows || rows.length < minRows) return undefined;
        if (!rows.every((row) => row.code !== null && CODE_PATTERN.test(row.code)))
          return undefined;
        return { rows, beforeMs, afterMs };
      },
      { timeoutMs: 15_000, what: `${minRows}+ account rows with a data-code` },
    );
  }

  /** Every code-like value still in the DOM (`[data-testid=code]`, `[data-code]`). */
  codesInDom(): Promise<string[]> {
    return this.ui.helper<string[]>('codesInDom');
  }

  /** The page's whole serialised DOM. */
  html(): Promise<string> {
    return this.ui.evaluate<string>('document.documentElement.outerHTML');
  }

  /** Evaluates an expression (source text) in the popup page. */
  evaluate<T>(expression: string): Promise<T> {
    return this.ui.evaluate<T>(expression);
  }

  /** Closes the popup page. */
  close(): Promise<void> {
    return this.ui.close();
  }

  private async hasField(label: string): Promise<boolean> {
    return (await this.ui.helper<number>('fieldCount', label)) > 0;
  }

  private async openAddView(): Promise<void> {
    const state = await this.waitForState(['unlocked', 'adding']);
    if (state === 'unlocked') await this.ui.click('Add account');
    await this.waitForState(['adding']);
  }

  /** After an action: waits for `states`, failing early with the alert the popup raised. */
  private async settle(states: PopupState[], action: string, timeoutMs = 15_000): Promise<void> {
    await waitFor(
      async () => {
        const snapshot = await this.snapshot();
        if (states.includes(stateOf(snapshot))) return true;
        if (snapshot.alerts.length) {
          throw new WaitAbort(`${action} failed with alert: ${snapshot.alerts.join(' | ')}`);
        }
        return undefined;
      },
      { timeoutMs, what: `${action} to lead to ${states.join(' | ')}` },
    );
  }

  private async waitForRow(expectInRow: string, action: string): Promise<CodeRow> {
    let last: DomSnapshot | undefined;
    return waitFor(
      async () => {
        last = await this.snapshot();
        const rows = await this.ui.helper<CodeRow[] | null>('rows');
        const row = rows?.find((r) => r.text.includes(expectInRow));
        if (row) return row;
        if (last.alerts.length) {
          throw new WaitAbort(`${action} failed with alert: ${last.alerts.join(' | ')}`);
        }
        return undefined;
      },
      { timeoutMs: 15_000, what: `${action}: a row showing ${JSON.stringify(expectInRow)}` },
    ).catch((error: unknown) => {
      if (error instanceof WaitAbort) throw error;
      throw new Error(`${(error as Error).message}; last DOM snapshot: ${JSON.stringify(last)}`);
    });
  }
}
