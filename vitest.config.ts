import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each test file gets its own PostgreSQL database and SQLite folder, so files run in parallel.
    pool: 'forks',
  },
});
