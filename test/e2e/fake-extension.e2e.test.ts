import { describe, expect, it } from 'vitest';
import { selectedBrowsers } from './support/env';
import { buildFakeExtension } from './support/fake-extension';
import { formatHits } from './support/scan';
import {
  closeAndScan,
  defineVaultScenarios,
  vaultWithTwoAccounts,
} from './support/vault-scenarios';

// Proves the scenarios and page object against a small stand-in that follows the popup
// contract (fixtures/fake-keyfob), so that a scenario failure against Keyfob points at
// Keyfob. Opt-in (KEYFOB_E2E_SELFTEST=1): it doubles the run time.

const enabled = process.env.KEYFOB_E2E_SELFTEST === '1';

describe.runIf(enabled).each(selectedBrowsers())('harness self-test in %s', (browserName) => {
  describe('scenarios pass against the fake extension', () => {
    // Collection runs even when skipped: build the fake only when it will be used.
    defineVaultScenarios(browserName, { dist: enabled ? buildFakeExtension(browserName) : '' });
  });

  it('the profile scan catches a fake that stores entries in clear', async () => {
    const dist = buildFakeExtension(browserName, { leak: true });
    const fixture = await vaultWithTwoAccounts(browserName, { dist });
    const { accounts } = fixture;
    const scan = await closeAndScan(fixture);
    console.log(`[self-test] ${browserName} leaks found:\n${formatHits(scan.leaks)}`);
    // Every secret, account name and issuer of the leaky fake is found, in some encoding.
    for (const account of accounts) {
      const found = (prefix: string) => scan.leaks.some((hit) => hit.needle.startsWith(prefix));
      expect(found(`secret of ${account.tag} base32`), `base32 of ${account.tag}`).toBe(true);
      expect(found(`secret of ${account.tag} raw bytes`), `raw of ${account.tag}`).toBe(true);
      expect(found(`account name ${account.account}`), account.account).toBe(true);
      expect(found(`issuer ${account.issuer}`), account.issuer).toBe(true);
    }
  });
});
