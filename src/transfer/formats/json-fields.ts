import { isRecord } from '../../shared';
import { TransferError } from '../errors';

/** A string field, or undefined for anything else. */
export const textField = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** A number or numeric-text field as `createOtpParams` takes it, or undefined. */
export const numberField = (value: unknown): number | string | undefined =>
  typeof value === 'number' || typeof value === 'string' ? value : undefined;

/**
 * The JSON object a file holds. Parse errors become `damaged-file` without their message,
 * which quotes the text around the fault and so perhaps a secret.
 */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TransferError('damaged-file', `This ${what} file is damaged: it is not valid JSON.`);
  }
  if (!isRecord(value)) {
    throw new TransferError('damaged-file', `This ${what} file is damaged: it holds no export.`);
  }
  return value;
}
