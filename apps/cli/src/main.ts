#!/usr/bin/env -S node --import tsx
import { TRPCError } from '@trpc/server';
import { Command, CommanderError } from 'commander';
import { registerAnalytics } from './commands/analytics.ts';
import { registerBrief } from './commands/brief.ts';
import { registerCycle } from './commands/cycle.ts';
import { registerDb } from './commands/db.ts';
import { registerExport } from './commands/export.ts';
import { registerExtract } from './commands/extract.ts';
import { registerImport } from './commands/import.ts';
import { registerUnits } from './commands/units.ts';
import { registerVersions } from './commands/versions.ts';
import { CliInputError } from './runtime.ts';

const program = new Command('bixue')
  .description('bixue 比学赶超 — 党建指标分析平台 command line')
  .option('--json', 'print exactly one JSON document on stdout')
  .option('--data <dir>', 'embedded database directory (default $BIXUE_DATA or .data/)')
  .exitOverride()
  .showHelpAfterError();

registerDb(program);
registerUnits(program);
registerExtract(program);
registerAnalytics(program);
registerImport(program);
registerExport(program);
registerBrief(program);
registerCycle(program);
registerVersions(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // help and version are not errors
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  const known =
    e instanceof CliInputError ||
    (e instanceof TRPCError && ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(e.code)) ||
    (e instanceof Error &&
      ['InputError', 'PeriodError', 'NotFoundError', 'ForbiddenError', 'CycleError', 'DataDirBusyError'].includes(
        e.name,
      ));
  process.stderr.write(`错误 error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(known ? 1 : 2);
}
