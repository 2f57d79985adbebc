import type { Said } from './said.ts';

/**
 * What each units-import problem code (packages/import units-csv.ts) is called where a person
 * reads it: the admin screen's preview and the CLI's refusal, from one list.
 */
export const UNIT_PROBLEM_LABELS = {
  not_csv: { zh: '不是有效的 CSV', en: 'Not a valid CSV' },
  missing_column: { zh: '缺少列', en: 'Missing column' },
  bad_code: { zh: '代码不是6位数字', en: 'Code is not 6 digits' },
  bad_name: { zh: '名称为空或过长', en: 'Name empty or too long' },
  bad_level: { zh: '级别无效', en: 'Invalid level' },
  bad_name_en: { zh: '英文名称含汉字或过长', en: 'English name has Chinese or is too long' },
  duplicate_code: { zh: '代码重复', en: 'Duplicate code' },
  unknown_parent: { zh: '上级单位不存在', en: 'Parent unit not found' },
  out_of_scope: { zh: '不在管理范围内', en: 'Outside your scope' },
  province_by_operator: { zh: '新建省需系统管理员', en: 'New province: operator only' },
  bad_tree: { zh: '层级不符', en: 'Wrong level in the tree' },
} as const satisfies Record<string, Said>;

/** One language's words, by code, as a screen's messages hold them. */
export function unitProblemLabels(lang: keyof Said): Record<keyof typeof UNIT_PROBLEM_LABELS, string> {
  return Object.fromEntries(Object.entries(UNIT_PROBLEM_LABELS).map(([code, said]) => [code, said[lang]])) as Record<
    keyof typeof UNIT_PROBLEM_LABELS,
    string
  >;
}

/** Where a units-import problem is: the row as Excel shows it and the header text; row 0 is the whole file. */
export interface UnitProblemPlace {
  row: number;
  column: string;
}

/**
 * A units-import problem after its place, in both languages: "第3行 parent_code: 上级单位 779900
 * 不存在" / "Row 3, parent_code: Parent unit 779900 does not exist". The one wording of the
 * services' refusals, the tree's and the CLI's; a problem of the whole file has no place.
 */
export function unitProblemSaid(place: UnitProblemPlace, what: Said): Said {
  if (!place.row) return what;
  return {
    zh: `第${place.row}行${place.column ? ` ${place.column}` : ''}: ${what.zh}`,
    en: `Row ${place.row}${place.column ? `, ${place.column}` : ''}: ${what.en}`,
  };
}
