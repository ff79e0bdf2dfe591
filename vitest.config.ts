import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites that share one PostgreSQL database or Redis must not race each other.
    fileParallelism: true,
    pool: 'forks',
  },
});
