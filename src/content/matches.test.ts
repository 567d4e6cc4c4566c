// @vitest-environment happy-dom
import { COGNITO_HOSTED_MATCHES, E2E_EXTRA_MATCHES, contentScriptMatches } from './matches';

describe('content script matches', () => {
  it('covers Cognito prefix domains, FIPS and GovCloud ones, and nothing else', () => {
    for (const pattern of COGNITO_HOSTED_MATCHES) {
      expect(pattern).toMatch(
        /^https:\/\/\*\.auth(-fips)?\.[a-z]+(-[a-z]+)+-\d\.amazoncognito\.com\/\*$/,
      );
    }
    expect(COGNITO_HOSTED_MATCHES).toContain('https://*.auth.eu-west-1.amazoncognito.com/*');
    expect(COGNITO_HOSTED_MATCHES).toContain(
      'https://*.auth-fips.us-gov-west-1.amazoncognito.com/*',
    );
    expect(new Set(COGNITO_HOSTED_MATCHES).size).toBe(COGNITO_HOSTED_MATCHES.length);
  });

  it('adds loopback only to an end-to-end build', () => {
    expect(contentScriptMatches(false)).toEqual([...COGNITO_HOSTED_MATCHES]);
    expect(contentScriptMatches(true)).toEqual([...COGNITO_HOSTED_MATCHES, ...E2E_EXTRA_MATCHES]);
  });
});
