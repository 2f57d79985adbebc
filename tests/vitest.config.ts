import { defineConfig } from 'vitest/config';

export default defineConfig({
  // browser suites each start a server and a Chromium; two at a time fit two cores
  test: { testTimeout: 90_000, hookTimeout: 180_000, maxWorkers: 2, fileParallelism: true },
});
