import { readFile } from 'node:fs/promises';
import { importUnitsCsv, unitProblemText } from '@bixue/api';
import type { Command } from 'commander';
import { CliInputError, globalOptions, output, userPath, withContext } from '../runtime.ts';

export function registerUnits(program: Command): void {
  const units = program.command('units').description('单位 units');
  units
    .command('import')
    .argument('<file>', 'CSV with columns code,name,level,parent_code and optionally name_en')
    .description('upsert units from a CSV file')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      const path = userPath(file);
      const text = await readFile(path, 'utf8').catch(() => {
        throw new CliInputError(`无法读取文件 ${file}`);
      });
      // the service of the admin screen's import (tRPC units.importCsv): a new province gets its default targets there
      const result = await withContext(opts, (ctx) => importUnitsCsv(ctx, text, { commit: true }));
      const first = result.errors[0];
      if (first) throw new CliInputError(`${file} ${unitProblemText(first)}`);
      output(
        opts,
        { ok: true, inserted: result.inserted, updated: result.updated },
        () => `已导入单位：新增 ${result.inserted}，更新 ${result.updated}`,
      );
    });
}
