import type { UnitInput } from '@bixue/db';
import { issueSaid, type Said, UNIT_PROBLEM_LABELS, unitImportRowSchema, unitNameEnSchema } from '@bixue/domain';
import { parse } from 'csv-parse/sync';
import { csvErrorText } from './csv-error.ts';

/** contracts.md `units import`: the columns of a units CSV. */
export const UNIT_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;
/** may be left out: the English name (blank keeps the stored one, or the romanised one where none is) */
export const OPTIONAL_UNIT_COLUMNS = ['name_en'] as const;

/**
 * What a units import can object to: the file, a cell, and (in @bixue/api) the caller's scope and
 * the tree. Stable codes, so a screen names each in its own words.
 */
export const UNIT_PROBLEM_CODES = [
  'not_csv',
  'missing_column',
  'bad_code',
  'bad_name',
  'bad_level',
  'bad_name_en',
  'duplicate_code',
  'unknown_parent',
  'out_of_scope',
  'province_by_operator',
  'bad_tree',
] as const;
export type UnitProblemCode = (typeof UNIT_PROBLEM_CODES)[number];

/** Every code's words for the person reading it (typed here, so a new code without words does not compile). */
export const UNIT_PROBLEM_CODE_LABELS: Record<UnitProblemCode, Said> = UNIT_PROBLEM_LABELS;

/** As contracts.md's import errors: the row as Excel shows it (header = 1), the header text. */
export interface UnitProblem {
  row: number;
  column: string;
  code: UnitProblemCode;
  message: string;
  /** the same in English, for English pages and the CLI's --lang en */
  messageEn: string;
}

/** A problem whose words are said in both languages, as the answer's `message` and `messageEn`. */
const problem = (row: number, column: string, code: UnitProblemCode, said: Said): UnitProblem => ({
  row,
  column,
  code,
  message: said.zh,
  messageEn: said.en,
});

/** A cell's problem after the value it holds, so the person finds it in the file. */
const withValue = (said: Said, value: string): Said => ({
  zh: `${said.zh}（值 "${value}"）`,
  en: `${said.en} (value "${value}")`,
});

const CELL_CODES: Record<(typeof UNIT_COLUMNS)[number], UnitProblemCode> = {
  code: 'bad_code',
  name: 'bad_name',
  level: 'bad_level',
  parent_code: 'bad_code',
};
const CELL_MESSAGES: Partial<Record<(typeof UNIT_COLUMNS)[number], Said>> = {
  level: { zh: '级别应为 province、city 或 county', en: 'The level should be province, city or county' },
};

const nameEnSchema = unitNameEnSchema(200);

/**
 * Reads `code,name,level,parent_code[,name_en]` rows (UTF-8, a BOM allowed, header row in any
 * order and case). Every problem is listed, each with its row and column; rows with one are left out.
 */
export function readUnitsCsv(text: string): { rows: UnitInput[]; problems: UnitProblem[] } {
  let records: string[][];
  try {
    // empty lines kept: Excel shows each record as one row, so the record index is the row number
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: false, relax_column_count: true, trim: true });
  } catch (e) {
    return {
      rows: [],
      problems: [
        problem(0, '', 'not_csv', {
          zh: `不是有效的 CSV 文件（${csvErrorText(e)}）`,
          en: `Not a valid CSV file (${csvErrorText(e, 'en')})`,
        }),
      ],
    };
  }
  const header = records[0]?.map((h) => h.toLowerCase()) ?? [];
  const missing = UNIT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      rows: [],
      problems: missing.map((c) =>
        problem(1, c, 'missing_column', {
          zh: `缺少列 ${c}（需要 ${UNIT_COLUMNS.join(',')}）`,
          en: `Column ${c} is missing (the columns are ${UNIT_COLUMNS.join(',')})`,
        }),
      ),
    };
  const rows: UnitInput[] = [];
  const problems: UnitProblem[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c === '')) return;
    const raw = Object.fromEntries(UNIT_COLUMNS.map((c) => [c, cells[header.indexOf(c)] ?? ''])) as Record<
      (typeof UNIT_COLUMNS)[number],
      string
    >;
    const parsed = unitImportRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0]) as (typeof UNIT_COLUMNS)[number];
        problems.push(
          problem(row, column, CELL_CODES[column], withValue(CELL_MESSAGES[column] ?? issueSaid(issue), raw[column])),
        );
      }
    }
    const nameEnCell = header.includes('name_en') ? (cells[header.indexOf('name_en')] ?? '') : '';
    const nameEn = nameEnSchema.safeParse(nameEnCell);
    if (!nameEn.success)
      problems.push(problem(row, 'name_en', 'bad_name_en', withValue(issueSaid(nameEn.error.issues[0]!), nameEnCell)));
    if (!parsed.success || !nameEn.success) return;
    const first = seen.get(parsed.data.code);
    if (first !== undefined) {
      problems.push(
        problem(row, 'code', 'duplicate_code', {
          zh: `单位代码 ${parsed.data.code} 重复（第${first}行已有）`,
          en: `Unit code ${parsed.data.code} appears twice (row ${first} has it already)`,
        }),
      );
      return;
    }
    seen.set(parsed.data.code, row);
    rows.push({ ...parsed.data, ...(nameEn.data ? { nameEn: nameEn.data } : {}), row });
  });
  return { rows, problems };
}
