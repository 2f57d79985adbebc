import type { ViteUserConfig } from 'vitest/config';

/**
 * Every package's tests run in one turbo pass on a two-core machine, so a demo load that takes
 * 10 s alone can take minutes: generous timeouts, and few workers per package.
 */
export const sharedTestConfig: ViteUserConfig['test'] = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  maxWorkers: 2,
};
