#!/usr/bin/env -S node --import tsx
import { runCli } from './program.ts';
import { processIo } from './runtime.ts';

process.exit(await runCli(process.argv.slice(2), processIo()));
