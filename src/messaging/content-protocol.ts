/**
 * Messages between the content script on a Cognito page and the background (docs/architecture.md §1).
 * The content script is the browser's word for *which tab and origin* is asking, never for
 * what the page says: everything in these payloads came from a web page and is untrusted.
 */
import type { VerifyOutcome } from '../cognito/protocol';

import type { EnvelopeOf, VerbData, VerbValue } from './protocol-types';

/** Hints about whose account a setup screen is for, as found in the page or a token's claims. */
export interface AccountHints {
  /** Username or email shown on the page or decoded from an access token's claims. */
  account?: string;
  /** Issuer from an otpauth label or the page's title. */
  issuer?: string;
}

/** What a content script found on a setup screen (any subset may be present). */
export interface SetupReport {
  /** A base32 secret shown as text, or the SecretCode of an AssociateSoftwareToken response. */
  secret?: string;
  /** An otpauth:// URI shown as text or a link. */
  otpauthUri?: string;
  /** QR images as data: URLs (same-origin images are drawn to a canvas first); decoded in the background. */
  qrImages?: string[];
  hints: AccountHints;
}

/** The background's answer to a setup report. */
export type SetupReply =
  /** Fill this code (and device name where the page has a field); submit only if `autoSubmit`. */
  | { action: 'fill'; enrollmentId: string; code: string; deviceName: string; autoSubmit: boolean }
  /** The vault is locked: the action is badged; a `fillCode` follows after the user unlocks. */
  | { action: 'wait-unlock' }
  /** Nothing usable was found, or this origin is not one Keyfob works on. */
  | { action: 'ignore'; reason: string };

/** The background's decision after an outcome, from the error catalogue. */
export type OutcomeReply =
  | { action: 'verified' }
  | { action: 'refill'; code: string }
  /**
   * The setup will not finish as things stand. No words: the content script would put them
   * nowhere in the page (no injected UI, and pages cannot detect Keyfob), so they go to the
   * popup's notices, in the person's language, and never to a content script.
   */
  | { action: 'explain' }
  | { action: 'none' };

/** Requests a content script may send. Each is answered for the sender's own tab and origin. */
export interface ContentProtocolMap {
  reportSetupScreen(data: SetupReport): SetupReply;
  reportVerifyOutcome(data: { enrollmentId?: string; outcome: VerifyOutcome }): OutcomeReply;
  /** Settings the page observer needs before the page sends VerifySoftwareToken. */
  getPageConfig(data: Record<string, never>): { deviceName: string };
  /** Auto-fill at sign-in, only if the user turned it on; otherwise `{ code: null }`. */
  requestSignInCode(data: Record<string, never>): { code: string | null };
  /**
   * The page bridge asks for the helper (detectors and filler) in its tab's top frame; the
   * answer says whether it now runs there.
   */
  loadPageHelper(data: Record<string, never>): { loaded: boolean };
  /**
   * The page bridge says a code screen may come soon (the page sent a form, and a new page
   * follows). Nothing to answer: the message wakes the background, so that its start-up
   * happens while the browser loads the next page rather than after it shows.
   */
  warmUp(data: Record<string, never>): Record<string, never>;
}

/** Commands the background sends to the content script in one tab's top frame. */
export type ContentCommand =
  | {
      keyfob: 1;
      command: 'fillCode';
      code: string;
      /** Typed into the page's device-name field, if it has an empty one. */
      deviceName?: string;
      /** The enrollment this code is for (a fill after unlock); absent for sign-in. */
      enrollmentId?: string;
      /** Submit the page's form after filling; absent or false leaves that to the person. */
      autoSubmit?: boolean;
      /**
       * Exact origin the background checked the tab against. The content script refuses to
       * fill if its own page's origin differs (the tab may have navigated in between).
       */
      expectedOrigin?: string;
    }
  | { keyfob: 1; command: 'scanForSetup' };

/** A content-script verb. */
export type ContentMessageName = keyof ContentProtocolMap;
/** The data a content-script verb takes. */
export type ContentMessageData<N extends ContentMessageName> = VerbData<ContentProtocolMap, N>;
/** The value a content-script verb answers with. */
export type ContentMessageValue<N extends ContentMessageName> = VerbValue<ContentProtocolMap, N>;

/** The envelope a content script sends: the same `{ keyfob: 1, name, data }` as extension pages. */
export type ContentEnvelope<N extends ContentMessageName = ContentMessageName> = EnvelopeOf<
  ContentProtocolMap,
  N
>;

/**
 * Why the content script did not fill a code: the page is no longer the origin the background
 * checked, it shows no code field, the field is one a person cannot see (hidden, transparent,
 * tiny, off-screen or covered), or the script has stopped.
 */
export type FillRefusal = 'page-changed' | 'no-field' | 'hidden-field' | 'stopped';

/** The content script's answer to a {@link ContentCommand}: whether it found something to act on. */
export interface ContentCommandReply {
  /** fillCode: a code input was found and filled. scanForSetup: the scan ran. */
  done: boolean;
  /** fillCode that was not done: why. */
  refused?: FillRefusal;
}
