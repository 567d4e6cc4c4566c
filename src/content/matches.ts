/**
 * Where the content scripts run without asking: Cognito's own hosted sign-in domains
 * (docs/architecture.md §3 rule 9). Any other site is the background's business (activeTab or a per-site
 * grant with `scripting.registerContentScripts`).
 *
 * The lists are the parent domains AWS registered in the Public Suffix List for user pool
 * domains (`auth.<region>.amazoncognito.com`, `auth-fips.<region>.amazoncognito.com`), which
 * the Cognito developer guide points to. China regions have no such entry and are left out.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
 */

/** Regions with a Cognito prefix domain `<prefix>.auth.<region>.amazoncognito.com`. */
const COGNITO_AUTH_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

/** Regions with a FIPS prefix domain `<prefix>.auth-fips.<region>.amazoncognito.com` (GovCloud has only these). */
const COGNITO_AUTH_FIPS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
] as const;

/** Static match patterns of both content scripts: every Cognito hosted sign-in domain. */
export const COGNITO_HOSTED_MATCHES: readonly string[] = [
  ...COGNITO_AUTH_REGIONS.map((region) => `https://*.auth.${region}.amazoncognito.com/*`),
  ...COGNITO_AUTH_FIPS_REGIONS.map((region) => `https://*.auth-fips.${region}.amazoncognito.com/*`),
];

/**
 * Cognito's user-pool API endpoints (`cognito-idp.<region>.amazonaws.com` and its FIPS twin),
 * one pattern per region: host permissions, so that the background may see the status of a
 * page's VerifySoftwareToken call (src/background/verify-listener.ts). Nothing runs there.
 */
export const COGNITO_API_MATCHES: readonly string[] = [
  ...COGNITO_AUTH_REGIONS.map((region) => `https://cognito-idp.${region}.amazonaws.com/*`),
  ...COGNITO_AUTH_FIPS_REGIONS.map(
    (region) => `https://cognito-idp-fips.${region}.amazonaws.com/*`,
  ),
];

/**
 * Loopback origins the end-to-end build adds, where the test rig serves its client pages and
 * its hosted-UI stand-in (any port: a match pattern without a port matches every port).
 * Never part of a release build.
 */
export const E2E_EXTRA_MATCHES: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The match patterns for a build: the hosted domains, plus loopback when `e2e` is set
 * (wxt.config.ts passes the build-time flag `WXT_KEYFOB_E2E=1`).
 */
export function contentScriptMatches(e2e: boolean): string[] {
  return e2e ? [...COGNITO_HOSTED_MATCHES, ...E2E_EXTRA_MATCHES] : [...COGNITO_HOSTED_MATCHES];
}
