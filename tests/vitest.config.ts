import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../tooling/vitest.shared.ts';

// browser suites each start a server and a Chromium; two at a time fit two cores
export default defineConfig({ test: { ...sharedTestConfig, fileParallelism: true } });
