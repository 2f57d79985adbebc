/**
 * Every package's tests run in one turbo pass on a two-core machine, so a demo load that takes
 * 10 s alone can take minutes: generous timeouts, and few workers per package.
 * `isolate: false`: a worker keeps the modules it loaded for its next test file. Loading the
 * packages again for every file was most of the suite's time (the api package: 358 s of imports
 * in a CI run, 29 s without), and no test relies on fresh module state: each opens its own
 * database and server, and nothing is mocked.
 * A plain object on purpose: each package checks it with its own `defineConfig`, and packages
 * resolve vitest with different @types/node peers, whose config types TypeScript holds apart.
 */
export const sharedTestConfig = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  maxWorkers: 2,
  isolate: false,
};
