import { readFile, writeFile } from 'node:fs/promises';
import { importFacts, importTemplate } from '@bixue/api';
import { importProblemLabel } from '@bixue/domain';
import type { Command } from 'commander';
import { CliInputError, globalOptions, output, userPath, withContext } from '../runtime.ts';

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
    .description('validate and import facts; any problem writes nothing and exits 1')
    .action(
      async (
        file: string,
        o: { commit?: boolean; today?: string; acceptWarnings?: boolean; correction?: string },
        cmd: Command,
      ) => {
        const opts = globalOptions(cmd);
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
              ...(when ? { today: when } : {}),
            },
          ),
        );
        const json = {
          ok: run.ok,
          errors: run.errors,
          warnings: run.warnings,
          inserted: run.inserted,
          updated: run.updated,
          unchanged: run.unchanged,
        };
        output(opts, json, () => {
          const head = run.ok
            ? `${o.commit ? '已导入' : '检查通过（未写入，加 --commit 导入）'}：新增 ${run.inserted}，更新 ${run.updated}，未变 ${run.unchanged}`
            : run.errors.length
              ? `${file}: ${run.errors.length} 个问题，未写入任何数据`
              : `${file}: ${run.warnings.length} 个数值超出合理范围，未写入任何数据；核实无误后加 --accept-warnings 导入`;
          const line = (e: (typeof run.errors)[number]) =>
            `  第${e.row}行 ${e.column || '(文件)'} [${importProblemLabel(e.code)}] ${e.message}`;
          return [head, ...run.errors.map(line), ...run.warnings.map(line)].join('\n');
        });
        if (!run.ok) process.exitCode = 1;
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
