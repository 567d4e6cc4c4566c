import {
  checkAccessToken,
  checkCredential,
  checkFriendlyDeviceName,
  checkSession,
  checkUserCode,
  isJsonObject,
  notAnObject,
  readOwn,
} from './field-rules';
import type { Violation } from './violation';

// Unknown members are ignored, as the service and the SDKs' forward-compatible parsers do:
// a client that sends an extra field is not broken, and Keyfob has no reason to object.

/**
 * Every rule a VerifySoftwareToken request body breaks (seed: VerifySoftwareToken request
 * parameters). An empty array means the service would accept its shape.
 */
export function validateVerifySoftwareTokenRequest(request: unknown): Violation[] {
  if (!isJsonObject(request)) return [notAnObject()];
  const accessToken = readOwn(request, 'AccessToken');
  const session = readOwn(request, 'Session');
  return [
    ...checkUserCode(readOwn(request, 'UserCode')),
    ...checkAccessToken(accessToken),
    ...checkSession(session),
    ...checkFriendlyDeviceName(readOwn(request, 'FriendlyDeviceName')),
    ...checkCredential(accessToken, session),
  ];
}

/**
 * Every rule an AssociateSoftwareToken request body breaks: an access token or a session
 * (exactly one), with the same rules for each as in VerifySoftwareToken.
 */
export function validateAssociateSoftwareTokenRequest(request: unknown): Violation[] {
  if (!isJsonObject(request)) return [notAnObject()];
  const accessToken = readOwn(request, 'AccessToken');
  const session = readOwn(request, 'Session');
  return [
    ...checkAccessToken(accessToken),
    ...checkSession(session),
    ...checkCredential(accessToken, session),
  ];
}
