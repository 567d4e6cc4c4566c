import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Unit and component tests run in Node; component tests opt into happy-dom per file.
// End-to-end tests in real browsers live in test/e2e and run through their own runner.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'test/unit/**/*.test.{ts,tsx}',
      'test/architecture/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto', './test/support/ui/english-catalogue.ts'],
    globals: true,
    restoreMocks: true,
    // Generous: the suite must pass on a busy 2-core machine, where a property test that takes
    // 2 s idle can take 15. Speed is measured by benchmarks, never by a test's clock.
    testTimeout: 60_000,
    // Both cores: vitest's default leaves one free, which on a 2-core machine runs every file
    // one after another (148 s against 115 s for the suite, measured idle).
    maxWorkers: 2,
  },
});
