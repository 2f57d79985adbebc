import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../tooling/vitest.shared.ts';

// browser suites each start a server and a Chromium; two at a time fit two cores. Modules are kept
// between files as in every package (sharedTestConfig): loading them afresh for each file cost 97 s
// of the suite's 512 s alone (14 s kept); each file still opens its own database, server and browser.
// A poll waits for a page to show what a server round trip brought: under the whole suite's load
// that took longer than vitest's default second (an approval's board reload did); a poll that
// matches returns at once, so only a failing one waits the longer time.
export default defineConfig({
  test: { ...sharedTestConfig, fileParallelism: true, expect: { poll: { timeout: 15_000 } } },
});
