import { defineConfig } from 'vitest/config';

// The project's own config, so vitest never picks up a parent folder's.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
