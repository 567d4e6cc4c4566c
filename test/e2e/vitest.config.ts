import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real headless browsers (Chromium through
// playwright-core, Firefox ESR through puppeteer-core/BiDi). One test at a time in a run:
// each test starts its own browser. `npm test` (scripts/test-all.mjs) starts one run per
// browser, side by side, which is what two cores can carry.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    retry: 0,
    // Browsers print to stderr; keep vitest's own output readable.
    silent: false,
  },
});
