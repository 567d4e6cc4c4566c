import {
  describeCognitoError,
  type CatalogueAction,
  type CognitoErrorEntry,
} from './error-catalogue';
import type { VerifySoftwareTokenStatus } from './parse-responses';

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
export const MAX_CODE_ATTEMPTS = 2;

/** How a VerifySoftwareToken call ended: a 200 body's Status, or an error name (maybe unknown). */
export type VerifyOutcome =
  { status: VerifySoftwareTokenStatus } | { errorName: string | undefined };

/** What to do next, and what to tell the person. */
export interface EnrollmentStep {
  action: EnrollmentAction;
  explanation: string;
}

const VERIFIED =
  'The site accepted the code. The account is saved and ready for your next sign-in.';
const CLOCK_SKEW =
  "The site refused Keyfob's codes twice. The usual cause is a computer clock that is off by more than half a minute: set the clock to update automatically, then try again. Keyfob kept the new account as pending.";

/**
 * The next step for a pending account after a VerifySoftwareToken answer. `attempt` counts the
 * codes submitted so far, this one included (1 for the first). A refused code is retried with
 * the next code once; after that the answer is `explain-clock-skew`. An attempt count that is
 * not a positive integer counts as exhausted, so a bug upstream cannot cause a retry loop.
 */
export function nextEnrollmentStep(input: VerifyOutcome & { attempt: number }): EnrollmentStep {
  let entry: CognitoErrorEntry;
  if ('status' in input) {
    if (input.status === 'SUCCESS') return { action: 'mark-verified', explanation: VERIFIED };
    // Status ERROR in a 200 answer: the service did not accept the code.
    entry = describeCognitoError('CodeMismatchException');
  } else {
    entry = describeCognitoError(input.errorName);
  }
  if (entry.action !== 'retry-next-code') {
    return { action: entry.action, explanation: entry.explanation };
  }
  const { attempt } = input;
  const mayRetry = Number.isInteger(attempt) && attempt >= 1 && attempt < MAX_CODE_ATTEMPTS;
  return mayRetry
    ? { action: 'retry-next-code', explanation: entry.explanation }
    : { action: 'explain-clock-skew', explanation: CLOCK_SKEW };
}
