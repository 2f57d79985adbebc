import { readFile, writeFile } from 'node:fs/promises';
import { importFacts, importTemplate } from '@bixue/api';
import type { Command } from 'commander';
import { type Lang, sayIn } from '../lang.ts';
import {
  CliInputError,
  contractProblem,
  cliIo,
  dateOption,
  globalOptions,
  output,
  unreadable,
  userPath,
  withContext,
} from '../runtime.ts';
import { importText } from './import-text.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'facts as CSV or XLSX: long form unit_code,indicator,period,value or the wide template')
    .option('--commit', 'write the facts (default: a dry run that writes nothing)')
    .option('--today <date>', 'the date periods are checked against (YYYY-MM-DD; default today)')
    .option('--accept-warnings', 'write values beyond the plausible bound too (after checking them)')
    .option('--correction <reason>', 'correct facts of a closed reporting period (admin; the reason is audited)')
    .option(
      '--conflicts <choice>',
      'coarse facts over finer facts that disagree (2022H1 = 5 over months summing to 3): replace or keep-finer',
      'replace',
    )
    .option(
      '--under-coarse <choice>',
      'finer rows under a stored coarse fact that disagrees (2022H1 = 5 stored, the months now sum to 3): keep (the coarse fact keeps counting) or replace (it is removed, the finer ones count)',
      'keep',
    )
    .description('validate and import facts; any problem writes nothing and exits 1')
    .action(
      async (
        file: string,
        o: {
          commit?: boolean;
          today?: string;
          acceptWarnings?: boolean;
          correction?: string;
          conflicts: string;
          underCoarse: string;
        },
        cmd: Command,
      ) => {
        const opts = globalOptions(cmd);
        if (o.conflicts !== 'replace' && o.conflicts !== 'keep-finer')
          cmd.error(oneOf(opts.lang, '--conflicts', ['replace', 'keep-finer'], o.conflicts), { exitCode: 2 });
        const choice = o.conflicts === 'keep-finer' ? 'keep_finer' : 'replace';
        if (o.underCoarse !== 'keep' && o.underCoarse !== 'replace')
          cmd.error(oneOf(opts.lang, '--under-coarse', ['keep', 'replace'], o.underCoarse), { exitCode: 2 });
        const underChoice = o.underCoarse === 'replace' ? 'replace_coarse' : 'keep_coarse';
        const when = dateOption(o.today, cmd, opts.lang);
        const bytes = await readFile(userPath(file)).catch(() => {
          throw new CliInputError(unreadable(file));
        });
        const run = await withContext(opts, (ctx) =>
          importFacts(
            ctx,
            { bytes, fileName: file },
            {
              commit: Boolean(o.commit),
              acceptWarnings: Boolean(o.acceptWarnings),
              correction: o.correction,
              conflicts: choice,
              underCoarse: underChoice,
              ...(when ? { today: when } : {}),
            },
          ),
        );
        const json = {
          ok: run.ok,
          // contracts.md's problem, {row, column, code, message}: the English words are the web's
          errors: run.errors.map(contractProblem),
          warnings: run.warnings.map(contractProblem),
          inserted: run.inserted,
          updated: run.updated,
          unchanged: run.unchanged,
          // only when there are any, so the contracts.md document of an ordinary import is unchanged
          ...(run.conflicts.length ? { conflicts: run.conflicts, conflictChoice: run.conflictChoice } : {}),
          ...(run.underCoarse.length
            ? { underCoarse: run.underCoarse, underCoarseChoice: run.underCoarseChoice, deleted: run.deleted }
            : {}),
        };
        output(opts, json, (lang) => importText(run, { file, commit: Boolean(o.commit), choice, underChoice }, lang));
        if (!run.ok) cliIo().exitCode = 1;
      },
    );

  program
    .command('template')
    .requiredOption('--province <code>', 'province (or any unit) whose units get a row')
    .requiredOption('--period <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .requiredOption('--out <file>', 'the .xlsx to write')
    .description('write the XLSX data-entry template for a province and period')
    .action(async (o: { province: string; period: string; out: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      const t = await withContext(opts, (ctx) => importTemplate(ctx, { period: o.period, unitCode: o.province }));
      await writeFile(userPath(o.out), t.bytes);
      output(opts, { ok: true, file: o.out, bytes: t.bytes.length }, () => ({
        zh: `已写入模板 ${o.out}`,
        en: `Template written to ${o.out}`,
      }));
    });
}

/** "--conflicts 应为 replace 或 keep-finer，收到 "x"": an option's value that is none of its choices */
const oneOf = (lang: Lang, option: string, choices: [string, string], got: string) =>
  sayIn(lang, {
    zh: `${option} 应为 ${choices.join(' 或 ')}，收到 "${got}"`,
    en: `${option} must be ${choices.join(' or ')}, got "${got}"`,
  });
