import type { ContentCommand } from '../messaging/content-protocol';
import { MAX_DEVICE_NAME_CHARS, isCleanText } from './page-messages';

/** A one-time code: 6 to 10 ASCII digits (TOTP allows 6–8; Cognito uses 6). */
export const isOtpCode = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9]{6,10}$/.test(value);

/** An id the background made up for an enrollment. */
export const isEnrollmentId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 200;

/** A device name the observer may write into FriendlyDeviceName ('' for none). */
export const isDeviceName = (value: unknown): value is string =>
  value === '' || isCleanText(value, MAX_DEVICE_NAME_CHARS);

/**
 * A command from the background, checked and copied, or null. The sender was checked by the
 * caller; this guards against a malformed message from our own background.
 */
export function readContentCommand(message: unknown): ContentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const command = message as Record<string, unknown>;
  if (command.keyfob !== 1) return null;
  if (command.command === 'scanForSetup') return { keyfob: 1, command: 'scanForSetup' };
  if (command.command !== 'fillCode' || !isOtpCode(command.code)) return null;
  const read: ContentCommand = { keyfob: 1, command: 'fillCode', code: command.code };
  if (command.deviceName !== undefined) {
    if (!isDeviceName(command.deviceName)) return null;
    read.deviceName = command.deviceName;
  }
  if (command.enrollmentId !== undefined) {
    if (!isEnrollmentId(command.enrollmentId)) return null;
    read.enrollmentId = command.enrollmentId;
  }
  if (command.expectedOrigin !== undefined) {
    if (typeof command.expectedOrigin !== 'string' || command.expectedOrigin.length > 2048) {
      return null;
    }
    read.expectedOrigin = command.expectedOrigin;
  }
  if (command.autoSubmit !== undefined) {
    if (typeof command.autoSubmit !== 'boolean') return null;
    read.autoSubmit = command.autoSubmit;
  }
  return read;
}
