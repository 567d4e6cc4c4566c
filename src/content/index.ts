/**
 * The isolated-world content scripts on Cognito pages:
 * - the page bridge (./bridge), which every matched page gets, and which asks the background
 *   for the helper when the page may show a code screen;
 * - the helper (./controller), which detects setup and sign-in screens, reports them to the
 *   background and fills what it answers.
 * The MAIN-world page observer lives in ./observer and is imported from there, so that it
 * never pulls in extension APIs. Entrypoints import the run-* modules directly, so that
 * nothing else reaches their bundles.
 */
export { startCognitoContent, type CognitoContent, type CognitoContentOptions } from './controller';
export { readContentCommand } from './commands';
export { BRIDGE_KEY, findPageBridge, startPageBridge, type PageBridge } from './bridge';
export { runPageBridge } from './run-bridge';
export { runCognitoHelper } from './run-helper';
export { COGNITO_HOSTED_MATCHES, E2E_EXTRA_MATCHES, contentScriptMatches } from './matches';
