import { readFile, writeFile } from 'node:fs/promises';
import { importFacts, importTemplate } from '@bixue/api';
import { importProblemLabel } from '@bixue/domain';
import type { ImportProblem } from '@bixue/import';
import type { Command } from 'commander';
import { CliInputError, cliIo, globalOptions, output, userPath, withContext } from '../runtime.ts';

const today = (s: string | undefined, cmd: Command) => {
  if (!s) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()))
    cmd.error(`--today 应为 YYYY-MM-DD，收到 "${s}"`, { exitCode: 2 });
  return d;
};

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
          cmd.error(`--conflicts 应为 replace 或 keep-finer，收到 "${o.conflicts}"`, { exitCode: 2 });
        const choice = o.conflicts === 'keep-finer' ? 'keep_finer' : 'replace';
        if (o.underCoarse !== 'keep' && o.underCoarse !== 'replace')
          cmd.error(`--under-coarse 应为 keep 或 replace，收到 "${o.underCoarse}"`, { exitCode: 2 });
        const underChoice = o.underCoarse === 'replace' ? 'replace_coarse' : 'keep_coarse';
        const when = today(o.today, cmd);
        const bytes = await readFile(userPath(file)).catch(() => {
          throw new CliInputError(`无法读取文件 ${file}`);
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
        output(opts, json, () => {
          const head = run.ok
            ? `${o.commit ? '已导入' : '检查通过（未写入，加 --commit 导入）'}：新增 ${run.inserted}，更新 ${run.updated}，未变 ${run.unchanged}`
            : run.errors.length
              ? `${file}: ${run.errors.length} 个问题，未写入任何数据`
              : `${file}: ${run.warnings.length} 个数值超出合理范围，未写入任何数据；核实无误后加 --accept-warnings 导入`;
          const line = (e: (typeof run.errors)[number]) =>
            `  第${e.row}行 ${e.column || '(文件)'} [${importProblemLabel(e.code)}] ${e.message}`;
          // a coarse figure over finer ones changes what is shown though no row is "updated": say so
          const conflicts = run.conflicts.length
            ? [
                choice === 'replace'
                  ? `${run.conflicts.length} 个较粗报告期的数与其中较细报告期的合计不一致，以较粗的数为准（--conflicts keep-finer 则保留较细的数）：`
                  : `${run.conflicts.length} 个较粗报告期的数与其中较细报告期的合计不一致，保留较细的数，未写入较粗的数：`,
                ...run.conflicts.map(
                  (c) =>
                    `  第${c.row}行 ${c.unitCode} ${c.indicatorCode} ${c.period} = ${c.value}，其中 ${c.finer.periods.join('、')} 合计 ${c.finer.value}（覆盖 ${c.finer.months}/${c.finer.of} 月）`,
                ),
              ]
            : [];
          // the reverse: finer rows under a stored coarse figure that keeps counting unless replaced
          const under = run.underCoarse.length
            ? [
                underChoice === 'keep_coarse'
                  ? `${run.underCoarse.length} 个已有的较粗报告期的数与本次写入的较细报告期合计不一致，汇总仍以较粗的数为准（--under-coarse replace 则删除较粗的数）：`
                  : `${run.underCoarse.length} 个已有的较粗报告期的数与本次写入的较细报告期合计不一致，删除较粗的数，以较细的数为准：`,
                ...run.underCoarse.map(
                  (u) =>
                    `  第${u.row}行 ${u.unitCode} ${u.indicatorCode} ${u.period} = ${u.value}，其中 ${u.finer.periods.join('、')} 合计 ${u.finer.value}（覆盖 ${u.finer.months}/${u.finer.of} 月）`,
                ),
              ]
            : [];
          return [head, ...conflicts, ...under, ...run.errors.map(line), ...run.warnings.map(line)].join('\n');
        });
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
      output(opts, { ok: true, file: o.out, bytes: t.bytes.length }, () => `已写入模板 ${o.out}`);
    });
}

const contractProblem = ({ row, column, code, message }: ImportProblem) => ({ row, column, code, message });
