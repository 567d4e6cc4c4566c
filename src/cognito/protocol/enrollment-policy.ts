import {
  describeCognitoError,
  type CatalogueAction,
  type CognitoErrorEntry,
} from './error-catalogue';
import type { VerifySoftwareTokenStatus } from './parse-responses';
import type { MessageKey } from '../../shared/i18n';

/**
 * Everything Keyfob may do with a pending account after a VerifySoftwareToken answer: the
 * catalogue's actions, plus `mark-verified` (the service said SUCCESS) and
 * `explain-clock-skew` (codes were refused again after the retry; the account stays pending).
 */
export type EnrollmentAction = CatalogueAction | 'mark-verified' | 'explain-clock-skew';

/**
 * Codes Keyfob submits for one pending account before it stops retrying: the first code and
 * the next one. Two refusals in a row mean the codes are wrong, not unlucky.
 */
const MAX_CODE_ATTEMPTS = 2;

/**
 * How a VerifySoftwareToken call ended, as the page observer read it: a 200 answer's Status, or
 * the error name the service gave (UnknownError when it gave none Keyfob could read).
 */
export type ObservedVerifyOutcome =
  { kind: 'status'; status: VerifySoftwareTokenStatus } | { kind: 'error'; errorName: string };

/**
 * What ends a setup as far as Keyfob can tell: an observed VerifySoftwareToken answer, or the
 * page moving past a server-rendered setup screen (whose call no script of the page made).
 */
export type VerifyOutcome = ObservedVerifyOutcome | { kind: 'left-setup' };

/** What to do next, and what to tell the person (a message name; see {@link CognitoErrorEntry}). */
export interface EnrollmentStep {
  action: EnrollmentAction;
  messageKey: MessageKey;
}

const VERIFIED: MessageKey = 'noticeCodeAccepted';
/** Codes refused twice: most likely this computer's clock; the account stays pending. */
const CLOCK_SKEW: MessageKey = 'noticeClockSkew';

/**
 * The next step for a pending account after a VerifySoftwareToken answer. `attempt` counts the
 * codes submitted so far, this one included (1 for the first). A refused code is retried with
 * the next code once; after that the answer is `explain-clock-skew`. An attempt count that is
 * not a positive integer counts as exhausted, so a bug upstream cannot cause a retry loop.
 */
export function nextEnrollmentStep(
  input: ObservedVerifyOutcome & { attempt: number },
): EnrollmentStep {
  let entry: CognitoErrorEntry;
  if (input.kind === 'status') {
    if (input.status === 'SUCCESS') return { action: 'mark-verified', messageKey: VERIFIED };
    // Status ERROR in a 200 answer: the service did not accept the code.
    entry = describeCognitoError('CodeMismatchException');
  } else {
    entry = describeCognitoError(input.errorName);
  }
  if (entry.action !== 'retry-next-code') {
    return { action: entry.action, messageKey: entry.messageKey };
  }
  const { attempt } = input;
  const mayRetry = Number.isInteger(attempt) && attempt >= 1 && attempt < MAX_CODE_ATTEMPTS;
  return mayRetry
    ? { action: 'retry-next-code', messageKey: entry.messageKey }
    : { action: 'explain-clock-skew', messageKey: CLOCK_SKEW };
}
