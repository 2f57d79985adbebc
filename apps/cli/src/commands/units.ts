import { readFile } from 'node:fs/promises';
import { importUnitsCsv } from '@bixue/api';
import { unitProblemSaid } from '@bixue/domain';
import type { Command } from 'commander';
import { type Lang, sayIn } from '../lang.ts';
import { CliInputError, globalOptions, output, unreadable, userPath, withContext } from '../runtime.ts';

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
      const first = result.errors[0];
      if (first) {
        const said = unitProblemSaid(first, { zh: first.message, en: first.messageEn });
        throw new CliInputError({ zh: `${file} ${said.zh}`, en: `${file} ${said.en}` });
      }
      output(opts, { ok: true, inserted: result.inserted, updated: result.updated }, () => ({
        zh: `已导入单位：新增 ${result.inserted}，更新 ${result.updated}`,
        en: `Units imported: ${result.inserted} added, ${result.updated} updated`,
      }));
    });
}
