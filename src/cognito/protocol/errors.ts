import { KeyfobError } from '../../shared';
import type { Violation } from './violation';

/** Why a Cognito body, header set or response could not be read as the contract says. */
export type CognitoContractErrorCode =
  | 'cognito-body-too-large'
  | 'cognito-malformed-json'
  | 'cognito-not-object'
  | 'cognito-invalid-request'
  | 'cognito-invalid-response'
  | 'cognito-not-an-error';

/**
 * A Cognito message that breaks the contract in `seeds/`. Its message is fixed text chosen
 * here, never a piece of the input: bodies carry access tokens, sessions and secret codes
 * (docs/architecture.md §3 rule 8).
 */
export class CognitoContractError extends KeyfobError<CognitoContractErrorCode> {
  override name = 'CognitoContractError';
  /** The rule violations that made a request or response invalid, if that was the reason. */
  readonly violations: readonly Violation[];

  constructor(
    code: CognitoContractErrorCode,
    message: string,
    violations: readonly Violation[] = [],
  ) {
    super(code, message);
    this.violations = violations;
  }
}
