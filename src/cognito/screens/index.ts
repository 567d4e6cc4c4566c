/**
 * The enrollment helper's page detectors: they read the `Document` they are given for an
 * authenticator setup screen or a sign-in code screen, and find the code inputs, device-name
 * field, QR images and submit control on it. Pure DOM reading (no network, no layout, no
 * browser API). package.json declares that no module outside entrypoints/ has import-time
 * effects that matter, so a bundle importing this index keeps only what it calls (the page
 * bridge takes the code-field hint and none of the detectors).
 */
export { mayHoldCodeField } from './code-field-hint';
export { type CodeInputs } from './find-code-inputs';
export { type DeviceNameField } from './find-device-name-input';
export { type QrImageCandidate } from './find-qr-images';
export { type SubmitControl } from './find-submit';
export { detectSetupScreen, type SetupScreen } from './detect-setup-screen';
export {
  detectSignInCodeScreen,
  type CodeSource,
  type SignInCodeScreen,
} from './detect-sign-in-code-screen';
