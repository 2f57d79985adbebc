import { readFile } from 'node:fs/promises';
import { importUnits, InputError, NotFoundError } from '@bixue/api';
import type { UnitInput } from '@bixue/db';
import { unitImportRowSchema } from '@bixue/domain';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { CliInputError, globalOptions, output, userPath, withContext } from '../runtime.ts';

const COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;

/** Reads `code,name,level,parent_code` rows; every problem names its row (header = 1) and column. */
export function parseUnitsCsv(text: string, file: string): UnitInput[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    throw new CliInputError(`${file}: 不是有效的 CSV 文件 (${(e as Error).message})`);
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  const missing = COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length)
    throw new CliInputError(`${file} 第1行: 缺少列 ${missing.join(', ')}（需要 ${COLUMNS.join(',')}）`);
  return records.slice(1).map((cells, i) => {
    const row = i + 2;
    const raw = Object.fromEntries(COLUMNS.map((c) => [c, cells[header.indexOf(c)] ?? '']));
    const parsed = unitImportRowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliInputError(
        `${file} 第${row}行 ${String(issue.path[0])}: ${issue.message}（值 "${raw[String(issue.path[0])] ?? ''}"）`,
      );
    }
    return { ...parsed.data, row };
  });
}

export function registerUnits(program: Command): void {
  const units = program.command('units').description('单位 units');
  units
    .command('import')
    .argument('<file>', 'CSV with columns code,name,level,parent_code')
    .description('upsert units from a CSV file')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      const path = userPath(file);
      const text = await readFile(path, 'utf8').catch(() => {
        throw new CliInputError(`无法读取文件 ${file}`);
      });
      const rows = parseUnitsCsv(text, file);
      // the service the tRPC units.import calls: a new province gets its default targets there
      const result = await withContext(opts, (ctx) =>
        importUnits(ctx, rows).catch((e: unknown) => {
          if (e instanceof InputError || e instanceof NotFoundError) throw new CliInputError(`${file} ${e.message}`);
          throw e;
        }),
      );
      output(opts, { ok: true, ...result }, () => `已导入单位：新增 ${result.inserted}，更新 ${result.updated}`);
    });
}
