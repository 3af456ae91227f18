import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'transforms/**/*.test.ts', 'cli/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test-fixtures/**'],
    globalSetup: ['tests/helpers/build-once.ts'],
    // A hang guard, not a speed check: CLI tests spawn several runs each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Two cores: the app suites install packages and start servers.
    maxWorkers: 2,
  },
});
