import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../tooling/vitest.shared.ts';

// browser suites each start a server and a Chromium; two at a time fit two cores. Each file in a
// fresh module graph: with modules kept between files, the keyboard test of the dashboard timed out
// once in a full run (and passed alone); their module loading is a small share of their time anyway.
export default defineConfig({ test: { ...sharedTestConfig, isolate: true, fileParallelism: true } });
