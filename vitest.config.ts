import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'renderer/**/*.test.ts', 'main/**/*.test.ts', 'e2e/**/*.test.ts', 'build/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // 2-core CI machine: media tests are CPU-heavy, keep parallelism modest.
    maxWorkers: 2,
  },
});
