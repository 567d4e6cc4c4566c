/** Stable machine-readable names of the request and response rules. */
export type ViolationRule =
  'type' | 'required' | 'length' | 'pattern' | 'exclusive' | 'missing-credential' | 'enum';

/**
 * One broken rule. `field` is the wire name (`UserCode`, …), `AccessToken|Session` for the
 * either-or rule, or `(body)` when the body itself is wrong. `message` never quotes the value,
 * which may be a token or a code.
 */
export interface Violation {
  field: string;
  rule: ViolationRule;
  message: string;
}
