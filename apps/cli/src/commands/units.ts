import { readFile } from 'node:fs/promises';
import { importUnitsCsv } from '@bixue/api';
import { unitProblemSaid } from '@bixue/domain';
import type { Command } from 'commander';
import { counted, type Lang, sayIn } from '../lang.ts';
import {
  CliInputError,
  cliIo,
  contractProblem,
  globalOptions,
  output,
  unreadable,
  userPath,
  withContext,
} from '../runtime.ts';

export function registerUnits(program: Command, helpLang: Lang): void {
  const units = program.command('units').description(sayIn(helpLang, { zh: '单位 units', en: 'units' }));
  units
    .command('import')
    .argument('<file>', 'CSV with columns code,name,level,parent_code and optionally name_en')
    .description('upsert units from a CSV file')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      const path = userPath(file);
      const text = await readFile(path, 'utf8').catch(() => {
        throw new CliInputError(unreadable(file));
      });
      // the service of the admin screen's import (tRPC units.importCsv): a new province gets its default targets there
      const result = await withContext(opts, (ctx) => importUnitsCsv(ctx, text, { commit: true }));
      if (result.errors.length && opts.json) {
        // the facts import's problem document ({row, column, code, message}, the same in either language), exit 1
        output(opts, { ok: false, errors: result.errors.map(contractProblem), inserted: 0, updated: 0 }, () => '');
        cliIo().exitCode = 1;
        return;
      }
      const said = result.errors.map((e) => unitProblemSaid(e, { zh: e.message, en: e.messageEn }));
      if (said.length === 1) throw new CliInputError({ zh: `${file} ${said[0]!.zh}`, en: `${file} ${said[0]!.en}` });
      // every problem at once, as the admin screen lists them: fixing one to be told of the next wastes a run each
      if (said.length > 1)
        throw new CliInputError({
          zh: [`${file}: ${said.length} 个问题，未写入任何数据`, ...said.map((s) => `  ${s.zh}`)].join('\n'),
          en: [`${file}: ${counted(said.length, 'problem')}, nothing written`, ...said.map((s) => `  ${s.en}`)].join(
            '\n',
          ),
        });
      output(opts, { ok: true, inserted: result.inserted, updated: result.updated }, () => ({
        zh: `已导入单位：新增 ${result.inserted}，更新 ${result.updated}`,
        en: `Units imported: ${result.inserted} added, ${result.updated} updated`,
      }));
    });
}
