import { isNear } from './dom-text';
import { findCodeInputs, allCodeInputs, firstCodeInput, type CodeInputs } from './find-code-inputs';
import { findDeviceNameInput, type DeviceNameField } from './find-device-name-input';
import { findQrImages, type QrImageCandidate } from './find-qr-images';
import {
  amplifySecret,
  findOtpauthSightings,
  findSecretSightings,
  secretOfOtpauthUri,
} from './find-secret';
import { findSubmitControl, type SubmitControl } from './find-submit';

/** An authenticator setup screen, as far as the page's markup tells. */
export interface SetupScreen {
  /** The secret shown as text, normalised as OtpParams.secret; unset when ambiguous. */
  secret?: string;
  /** An otpauth:// URI shown as a link or text; parsing it is the otp module's job. */
  otpauthUri?: string;
  /** The page shows more than one different secret (in text or URIs): none is picked. */
  ambiguous: boolean;
  /**
   * Images that may be the QR code, best first. When one of them is all that makes this a
   * setup screen, it is one only if the image decodes to an otpauth URI: the caller decodes
   * before acting.
   */
  qrImages: QrImageCandidate[];
  codeInputs: CodeInputs;
  deviceName?: DeviceNameField;
  form?: HTMLFormElement;
  submit?: SubmitControl;
}

/**
 * How far above the code input a secret, URI or QR image may sit and still belong to the same
 * setup step. Deep enough for Amplify's nesting (4) and card layouts, shallow enough that a
 * string somewhere else on a long page does not count.
 */
const NEAR_LEVELS = 8;

const AMPLIFY_SETUP_FORM = 'form[data-amplify-authenticator-setup-totp]';

/**
 * Reads `doc` for an authenticator setup screen: a one-time-code input with, near it, a
 * base32 secret shown as text, an otpauth:// URI, or an image the page calls a QR code (or a
 * `data:` image, the way QR libraries render them). Amplify UI's SetupTotp form is read by
 * its own markup; Cognito's hosted pages and custom pages by meaning. Null when no code input
 * is found, or nothing near it says "set up an authenticator". Pure DOM reading: no network,
 * no layout.
 */
export function detectSetupScreen(doc: Document): SetupScreen | null {
  const body = doc.body;
  if (!body) return null;
  const amplifyForm = doc.querySelector<HTMLFormElement>(AMPLIFY_SETUP_FORM);
  const scope: Element = amplifyForm ?? body;
  const codeInputs = findCodeInputs(scope);
  if (!codeInputs) return null;
  const anchor = firstCodeInput(codeInputs);
  const near = (node: Node) => isNear(anchor, node, NEAR_LEVELS);

  const secrets = new Set<string>();
  const amplify = amplifyForm ? amplifySecret(amplifyForm) : undefined;
  if (amplify) secrets.add(amplify.secret);
  for (const sighting of findSecretSightings(anchor, NEAR_LEVELS)) secrets.add(sighting.secret);

  const uris = findOtpauthSightings(anchor, NEAR_LEVELS);
  const uriSecrets = new Set(uris.map((sighting) => secretOfOtpauthUri(sighting.uri)));

  const qrImages = findQrImages(doc, anchor, NEAR_LEVELS).filter((image) => near(image.element));
  const qrShown = qrImages.some((image) => image.labelledQr || /^data:/i.test(image.src));
  if (!amplifyForm && secrets.size === 0 && uris.length === 0 && !qrShown) return null;

  const allSecrets = new Set([...secrets, ...uriSecrets]);
  allSecrets.delete(undefined);
  const ambiguous = allSecrets.size > 1 || uris.length > 1;
  const form = amplifyForm ?? anchor.closest('form') ?? undefined;
  const screen: SetupScreen = { ambiguous, qrImages, codeInputs };
  const [secret] = secrets;
  if (!ambiguous && secret !== undefined) screen.secret = secret;
  if (!ambiguous && uris[0]) screen.otpauthUri = uris[0].uri;
  const deviceName = findDeviceNameInput(form ?? body, allCodeInputs(codeInputs));
  if (deviceName && (form || near(deviceName.input))) screen.deviceName = deviceName;
  if (form) screen.form = form;
  const submit = findSubmitControl(form, anchor);
  if (submit) screen.submit = submit;
  return screen;
}
