import { describe } from 'vitest';
import { selectedBrowsers } from './support/env';
import { defineVaultScenarios } from './support/vault-scenarios';

// Keyfob's vault in each browser, against the build made by global-setup.
describe.each(selectedBrowsers())('vault in %s', (browserName) => {
  defineVaultScenarios(browserName);
});
