/**
 * Every package's tests run in one turbo pass on a two-core machine, so a demo load that takes
 * 10 s alone can take minutes: generous timeouts, and few workers per package.
 * A plain object on purpose: each package checks it with its own `defineConfig`, and packages
 * resolve vitest with different @types/node peers, whose config types TypeScript holds apart.
 */
export const sharedTestConfig = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  maxWorkers: 2,
};
