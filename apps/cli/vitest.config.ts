import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../tooling/vitest.shared.ts';

// A CLI test starts the CLI as a process several times (tsx alone takes seconds to load it): the
// import test takes 44 s on a quiet machine and passed 180 s while CI ran the other suites beside it.
export default defineConfig({ test: { ...sharedTestConfig, testTimeout: 600_000 } });
