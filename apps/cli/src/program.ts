import { messageEnOf } from '@bixue/domain';
import { LANGS } from '@bixue/export/options';
import { TRPCError } from '@trpc/server';
import { Command, CommanderError, Option } from 'commander';
import { registerAnalytics } from './commands/analytics.ts';
import { registerBrief } from './commands/brief.ts';
import { registerCycle } from './commands/cycle.ts';
import { registerDb } from './commands/db.ts';
import { registerExport } from './commands/export.ts';
import { registerExtract } from './commands/extract.ts';
import { registerImport } from './commands/import.ts';
import { registerUnits } from './commands/units.ts';
import { registerVersions } from './commands/versions.ts';
import { langOf } from './lang.ts';
import { CliInputError, type CliIo, withCliIo } from './runtime.ts';

/** A fresh program per run: commander keeps parsed options on the command objects. */
function createProgram(io: CliIo): Command {
  const program = new Command('bixue')
    .description('bixue 比学赶超 — 党建指标分析平台 command line')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--data <dir>', 'embedded database directory (default $BIXUE_DATA or .data/)')
    // one option for the printout and for the files brief and export write, before or after the command
    .addOption(
      new Option('--lang <lang>', 'language of what is printed and written (default $BIXUE_LANG or zh)').choices(LANGS),
    )
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
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
  return program;
}

const KNOWN_ERRORS = ['InputError', 'PeriodError', 'NotFoundError', 'ForbiddenError', 'CycleError', 'DataDirBusyError'];

/**
 * Runs one command line (without `node` and the script) against `io` and returns the exit code:
 * 0 done, 1 bad input or refused, 2 usage error or a fault. The process entry point and the
 * tests share it, so the tests need not pay a process start per command.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  return withCliIo(io, async () => {
    const program = createProgram(io);
    try {
      await program.parseAsync([...args], { from: 'user' });
      return io.exitCode ?? 0;
    } catch (e) {
      // help and version are not errors
      if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
      const known =
        e instanceof CliInputError ||
        (e instanceof TRPCError && ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(e.code)) ||
        (e instanceof Error && KNOWN_ERRORS.includes(e.name));
      const message = e instanceof Error ? e.message : String(e);
      // English where the refusal has it (the services' SaidError, through tRPC's cause); a fault may have none
      io.stderr(
        langOf(program.opts<{ lang?: string }>().lang, io.env) === 'en'
          ? `error: ${messageEnOf(e) ?? message}\n`
          : `错误 error: ${message}\n`,
      );
      return known ? 1 : 2;
    }
  });
}
