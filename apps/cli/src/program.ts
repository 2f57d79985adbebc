import { messageEnOf } from '@bixue/domain';
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
import { type Lang, langOf, langOfArgs, langOption, sayIn } from './lang.ts';
import { CliInputError, type CliIo, withCliIo } from './runtime.ts';

/**
 * A fresh program per run: commander keeps parsed options on the command objects. Its help is
 * written in `lang`: the Chinese help keeps the Chinese names beside the English, the English none.
 */
function createProgram(io: CliIo, lang: Lang): Command {
  const program = new Command('bixue')
    .description(
      sayIn(lang, {
        zh: 'bixue 比学赶超 — 党建指标分析平台 command line',
        en: 'bixue — party-building indicators, on the command line',
      }),
    )
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--data <dir>', 'embedded database directory (default $BIXUE_DATA or .data/)')
    // one option for the printout and for the files brief and export write, before or after the command
    .addOption(langOption())
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError();

  registerDb(program, lang);
  registerUnits(program, lang);
  registerExtract(program);
  registerAnalytics(program, lang);
  registerImport(program);
  registerExport(program, lang);
  registerBrief(program, lang);
  registerCycle(program, lang);
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
    const program = createProgram(io, langOfArgs(args, io.env));
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
